/**
 * What an operator sees in the admin console: every node announces itself on
 * {@code controller:health:metrics:<instance>} every few seconds (and once more when it shuts
 * down), every node keeps the resulting view of the cluster, and admins read it through the
 * admin API. None of it travels on {@code view:} channels.
 */
package org.appcluster.admin;

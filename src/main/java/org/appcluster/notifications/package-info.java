/**
 * The seed's global system notification (its Pattern 2), built the Pattern B way: a REST write
 * stored in MongoDB, then a CDI event that a singleton EJB turns into a broadcast on
 * {@code view:system:notification:global}. Securing it to admins comes with the admin console.
 */
package org.appcluster.notifications;

/**
 * The seed's collaborative to-do demo (its Pattern B): REST writes stored in MongoDB, each followed
 * by a CDI event that a singleton EJB broadcasts on {@code view:helloClusterTodo:*}, so every page
 * on every node shows the change.
 */
package org.appcluster.todos;

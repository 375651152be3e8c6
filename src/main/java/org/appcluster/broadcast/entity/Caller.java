package org.appcluster.broadcast.entity;

/** Who publishes or subscribes, as the channel policy tells them apart. */
public enum Caller {
    /** Application code on a node, through the server API. */
    SERVER,
    /** A signed-in administrator, over REST. */
    ADMIN,
    /** Anyone else: a page, a script, anonymous or signed in without the admin role. */
    BROWSER
}

package org.appcluster.demo;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.appcluster.broadcast.boundary.Broadcaster;

/** What every demo page shows in its header: which node served it, and in which mode. */
@Named("node")
@RequestScoped
public class NodeInfo {

    @Inject
    Broadcaster broadcaster;

    public String getInstanceId() {
        return broadcaster.instanceId();
    }

    public String getMode() {
        return broadcaster.isRedisAvailable() ? "cluster" : "local";
    }
}

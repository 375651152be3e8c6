package org.appcluster.dashboard.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.broadcast.control.RedisLeases;
import org.appcluster.dashboard.control.DashboardBroadcaster;
import org.appcluster.dashboard.control.DashboardStats;
import org.appcluster.infra.ApiResponses;

/** The dashboard's first numbers, before the next broadcast arrives. */
@Path("dashboard/stats")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class DashboardResource {

    @Inject
    DashboardStats stats;

    @Inject
    RedisLeases leases;

    @Inject
    Broadcaster broadcaster;

    @GET
    public JsonObject current() {
        String leader = leases.holder(DashboardBroadcaster.LEASE).orElse(broadcaster.instanceId());
        return ApiResponses.success(stats.current(leader), null);
    }
}

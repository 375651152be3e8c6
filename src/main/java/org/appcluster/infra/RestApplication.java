package org.appcluster.infra;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All REST resources live under {@code /api/1}. */
@ApplicationPath("/api/1")
public class RestApplication extends Application {
}

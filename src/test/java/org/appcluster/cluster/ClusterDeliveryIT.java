package org.appcluster.cluster;

import org.appcluster.support.LocalCluster;
import org.junit.jupiter.api.extension.ExtendWith;

/** The delivery suite on one {@code redis-server} ({@code redis.mode=single}). */
@ExtendWith(LocalCluster.Extension.class)
class ClusterDeliveryIT extends ClusterDeliveryContract implements ClientIdentityContract, ChannelPresenceContract {
}

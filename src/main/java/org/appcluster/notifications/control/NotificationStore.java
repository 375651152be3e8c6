package org.appcluster.notifications.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import org.appcluster.infra.ApiException;
import org.appcluster.notifications.entity.Notification;
import org.appcluster.notifications.entity.NotificationRequest;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The {@code notifications} collection: every global notification ever sent, for the record. */
@ApplicationScoped
public class NotificationStore {

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> notifications;

    @PostConstruct
    void init() {
        notifications = database.getCollection("notifications");
        notifications.createIndex(Indexes.ascending("requestId"), new IndexOptions().unique(true).sparse(true));
    }

    /** @throws ApiException 409 when the request id was used before */
    public Notification save(NotificationRequest request) {
        ObjectId id = new ObjectId();
        Instant now = Instant.now();
        Document document = new Document("_id", id)
                .append("message", request.message())
                .append("level", request.level())
                .append("critical", request.critical())
                .append("createdAt", Date.from(now));
        if (request.requestId() != null) {
            document.append("requestId", request.requestId());
        }
        try {
            notifications.insertOne(document);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ApiException(409, "DUPLICATE_REQUEST", "A notification with this requestId was already sent");
            }
            throw e;
        }
        return new Notification(id.toHexString(), request.message(), request.level(), request.critical(), now,
                request.requestId());
    }
}

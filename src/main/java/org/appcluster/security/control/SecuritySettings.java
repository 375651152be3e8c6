package org.appcluster.security.control;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

/** Values the whole cluster shares through MongoDB, made by whichever node needs one first. */
final class SecuritySettings {

    private SecuritySettings() {
    }

    /** What is stored, and whether this node stored it (then it may be told once, say). */
    record Stored(String value, boolean ours) {
    }

    /** Stores {@code candidate} as {@code id}'s {@code field} unless another node did first; returns what is stored. */
    static Stored storeOnce(MongoDatabase database, String id, String field, String candidate) {
        MongoCollection<Document> settings = database.getCollection("securitySettings");
        try {
            settings.insertOne(new Document("_id", id).append(field, candidate));
            return new Stored(candidate, true);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new Stored(settings.find(Filters.eq("_id", id)).first().getString(field), false);
        }
    }
}

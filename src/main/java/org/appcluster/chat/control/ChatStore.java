package org.appcluster.chat.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import org.appcluster.chat.entity.ChatMessage;
import org.appcluster.chat.entity.UserStatus;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Chat messages ({@code chatMessages}, read back per room, newest last) and user statuses ({@code chatStatus}). */
@ApplicationScoped
public class ChatStore {

    /** Messages a page loading a room is shown. */
    public static final int HISTORY = 50;

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> messages;
    private MongoCollection<Document> statuses;

    @PostConstruct
    void init() {
        messages = database.getCollection("chatMessages");
        statuses = database.getCollection("chatStatus");
    }

    public ChatMessage add(String room, String username, String text) {
        Instant now = Instant.now();
        ObjectId id = new ObjectId();
        messages.insertOne(new Document("_id", id).append("room", room).append("username", username).append("text", text)
                .append("at", Date.from(now)));
        return new ChatMessage(id.toHexString(), room, username, text, now);
    }

    /** The last {@link #HISTORY} messages of a room, oldest first. */
    public List<ChatMessage> recent(String room) {
        List<ChatMessage> recent = new ArrayList<>();
        messages.find(Filters.eq("room", room)).sort(Sorts.descending("at", "_id")).limit(HISTORY).forEach(doc -> recent.add(
                new ChatMessage(doc.getObjectId("_id").toHexString(), doc.getString("room"), doc.getString("username"),
                        doc.getString("text"), doc.getDate("at").toInstant())));
        Collections.reverse(recent);
        return recent;
    }

    public UserStatus setStatus(String username, String status) {
        Instant now = Instant.now();
        statuses.replaceOne(Filters.eq("_id", username), new Document("_id", username).append("status", status).append("at", Date.from(now)),
                new ReplaceOptions().upsert(true));
        return new UserStatus(username, status, now);
    }

    public List<UserStatus> statuses() {
        List<UserStatus> all = new ArrayList<>();
        statuses.find().sort(Sorts.ascending("_id")).limit(1000).forEach(doc -> all.add(
                new UserStatus(doc.getString("_id"), doc.getString("status"), doc.getDate("at").toInstant())));
        return all;
    }
}

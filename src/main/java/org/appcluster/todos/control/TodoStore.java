package org.appcluster.todos.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.appcluster.todos.entity.Todo;
import org.appcluster.todos.entity.TodoStats;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The shared to-do list in the {@code helloClusterTodos} collection. */
@ApplicationScoped
public class TodoStore {

    @Inject
    MongoDatabase database;

    /** The most the list keeps (see {@link TodoLimits}); it is returned whole. */
    @Inject
    @ConfigProperty(name = "todos.max-items", defaultValue = "500")
    int maxItems = 500;

    private MongoCollection<Document> todos;

    @PostConstruct
    void init() {
        todos = database.getCollection("helloClusterTodos");
    }

    public List<Todo> list() {
        List<Todo> result = new ArrayList<>();
        todos.find().sort(Sorts.ascending("createdAt", "_id")).limit(maxItems).forEach(doc -> result.add(toTodo(doc)));
        return result;
    }

    public Todo create(String title, String createdBy) {
        Instant now = Instant.now();
        Document doc = new Document("_id", new ObjectId())
                .append("title", title)
                .append("done", false)
                .append("createdBy", createdBy)
                .append("createdAt", Date.from(now))
                .append("updatedAt", Date.from(now));
        todos.insertOne(doc);
        return toTodo(doc);
    }

    /** Flips {@code done} only if nobody flipped it meanwhile, so two clicks never cancel out silently. */
    public Optional<Todo> toggle(String id) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Document> current = find(id);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            boolean done = current.get().getBoolean("done", false);
            long changed = todos.updateOne(Filters.and(Filters.eq("_id", current.get().get("_id")), Filters.eq("done", done)),
                    Updates.combine(Updates.set("done", !done), Updates.set("updatedAt", new Date()))).getModifiedCount();
            if (changed == 1) {
                return find(id).map(TodoStore::toTodo);
            }
        }
        throw new IllegalStateException("to-do " + id + " changed concurrently three times");
    }

    public Optional<Todo> delete(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(todos.findOneAndDelete(Filters.eq("_id", new ObjectId(id)))).map(TodoStore::toTodo);
    }

    public TodoStats stats() {
        long total = todos.countDocuments();
        long done = todos.countDocuments(Filters.eq("done", true));
        return new TodoStats(total, done, total - done);
    }

    public long count() {
        return todos.countDocuments();
    }

    public int maxItems() {
        return maxItems;
    }

    private Optional<Document> find(String id) {
        if (!ObjectId.isValid(id)) {
            return Optional.empty();
        }
        return Optional.ofNullable(todos.find(Filters.eq("_id", new ObjectId(id))).first());
    }

    private static Todo toTodo(Document doc) {
        return new Todo(doc.getObjectId("_id").toHexString(), doc.getString("title"), doc.getBoolean("done", false),
                doc.getString("createdBy"), doc.getDate("createdAt").toInstant(), doc.getDate("updatedAt").toInstant());
    }
}

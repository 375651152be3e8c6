package org.appcluster.cart.control;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Date;
import java.util.List;
import org.bson.Document;

/** Each user's cart in the {@code carts} collection, keyed by username. */
@ApplicationScoped
public class CartStore {

    @Inject
    MongoDatabase database;

    private MongoCollection<Document> carts;

    @PostConstruct
    void init() {
        carts = database.getCollection("carts");
    }

    public List<String> items(String username) {
        Document cart = carts.find(Filters.eq("_id", username)).first();
        return cart == null ? List.of() : cart.getList("items", String.class);
    }

    public void replace(String username, List<String> items) {
        carts.replaceOne(Filters.eq("_id", username), new Document("_id", username).append("items", items).append("at", new Date()),
                new ReplaceOptions().upsert(true));
    }
}

package io.crosscheck.conversation;

import java.time.OffsetDateTime;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A chat conversation (or a Slack thread): follow-up questions are read in its context. */
@Entity
public class Conversation extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "created_at")
    public OffsetDateTime createdAt;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** Null when an anonymous caller started it: then whoever holds the id may use it. */
    public String owner;

    boolean visibleTo(String caller) {
        return owner == null || owner.equals(caller);
    }
}

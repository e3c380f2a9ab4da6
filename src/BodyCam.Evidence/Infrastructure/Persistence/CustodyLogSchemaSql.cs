namespace BodyCam.Evidence.Infrastructure.Persistence;

/// <summary>
/// The database's own guard of the custody log, installed by the migrations: no row is deleted, and the only change
/// a row may ever see is its integration — an unsequenced row gets its sequence, entry bytes and leaf hash, once,
/// with every recorded field left as it was.
/// </summary>
internal static class CustodyLogSchemaSql
{
    public const string PostgreSqlAllowOnlyIntegration = """
        CREATE OR REPLACE FUNCTION refuse_custody_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND length(NEW.entry) > 0 AND length(NEW.leaf_hash) = 32
                    AND (NEW.id, NEW.time, NEW.actor_id, NEW.actor_kind, NEW.actor_role, NEW.client_ip, NEW.action,
                         NEW.evidence_id, NEW.content_sha256, NEW.reason, NEW.outcome)
                        IS NOT DISTINCT FROM
                        (OLD.id, OLD.time, OLD.actor_id, OLD.actor_kind, OLD.actor_role, OLD.client_ip, OLD.action,
                         OLD.evidence_id, OLD.content_sha256, OLD.reason, OLD.outcome) THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'custody events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        """;

    public const string PostgreSqlRefuseEveryChange = """
        CREATE OR REPLACE FUNCTION refuse_custody_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'custody events are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END $$;
        """;

    /// <summary>
    /// SQLite cannot drop a NOT NULL: the table is rebuilt by hand, in the migration's transaction, because EF's own
    /// rebuild would run after (and so drop) triggers created in the same migration. No key refers to the table.
    /// </summary>
    public static string SqliteRebuild(bool sequenceNullable) => $"""
        CREATE TABLE custody_events_rebuilt (
            id TEXT NOT NULL CONSTRAINT pk_custody_events PRIMARY KEY,
            sequence INTEGER {(sequenceNullable ? "NULL" : "NOT NULL")},
            time INTEGER NOT NULL,
            actor_id TEXT NOT NULL,
            actor_kind TEXT NOT NULL,
            actor_role TEXT NULL,
            client_ip TEXT NULL,
            action TEXT NOT NULL,
            evidence_id TEXT NULL,
            content_sha256 TEXT NULL,
            reason TEXT NULL,
            outcome TEXT NOT NULL,
            entry BLOB NOT NULL,
            leaf_hash BLOB NOT NULL
        );
        INSERT INTO custody_events_rebuilt (id, sequence, time, actor_id, actor_kind, actor_role, client_ip, action, evidence_id, content_sha256, reason, outcome, entry, leaf_hash)
        SELECT id, sequence, time, actor_id, actor_kind, actor_role, client_ip, action, evidence_id, content_sha256, reason, outcome, entry, leaf_hash
        FROM custody_events;
        DROP TABLE custody_events;
        ALTER TABLE custody_events_rebuilt RENAME TO custody_events;
        CREATE INDEX ix_custody_events_evidence_id ON custody_events (evidence_id);
        CREATE UNIQUE INDEX ix_custody_events_sequence ON custody_events (sequence);
        CREATE TRIGGER custody_events_no_delete BEFORE DELETE ON custody_events
        BEGIN SELECT RAISE(ABORT, 'custody events are append-only: DELETE refused'); END;
        CREATE TRIGGER custody_events_no_update BEFORE UPDATE ON custody_events
        {(sequenceNullable ? SqliteOnlyIntegration : "")}
        BEGIN SELECT RAISE(ABORT, 'custody events are append-only: UPDATE refused'); END;
        """;

    private const string SqliteOnlyIntegration = """
        WHEN NOT (OLD.sequence IS NULL AND NEW.sequence IS NOT NULL AND length(NEW.entry) > 0 AND length(NEW.leaf_hash) = 32
            AND NEW.id IS OLD.id AND NEW.time IS OLD.time AND NEW.actor_id IS OLD.actor_id AND NEW.actor_kind IS OLD.actor_kind
            AND NEW.actor_role IS OLD.actor_role AND NEW.client_ip IS OLD.client_ip AND NEW.action IS OLD.action
            AND NEW.evidence_id IS OLD.evidence_id AND NEW.content_sha256 IS OLD.content_sha256 AND NEW.reason IS OLD.reason
            AND NEW.outcome IS OLD.outcome)
        """;
}

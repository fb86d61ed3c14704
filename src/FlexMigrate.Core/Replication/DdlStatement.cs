using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>What a replicated statement acts on; decides how replay treats it (docs/replication.md, "DDL").</summary>
public enum DdlObjectKind
{
    /// <summary>CREATE/ALTER/DROP/RENAME/TRUNCATE TABLE, CREATE/DROP INDEX.</summary>
    Table,

    /// <summary>CREATE/ALTER/DROP DATABASE (SCHEMA).</summary>
    Database,

    View,
    Procedure,
    Function,
    Trigger,
    Event,

    /// <summary>Accounts and privileges: CREATE/ALTER/DROP/RENAME USER, ROLE, GRANT, REVOKE, SET PASSWORD.</summary>
    Account,

    /// <summary>FLUSH, ANALYZE, OPTIMIZE, REPAIR, CHECK and the like: nothing to replay.</summary>
    Maintenance,

    /// <summary>SET of session or global variables.</summary>
    Session,

    /// <summary>SAVEPOINT, ROLLBACK TO, RELEASE, XA: transaction control the row events already reflect.</summary>
    TransactionControl,

    /// <summary>INSERT/UPDATE/DELETE/REPLACE/LOAD logged as a statement (binlog_format other than ROW).</summary>
    Dml,

    /// <summary>Anything else (CREATE SEQUENCE, SERVER, TABLESPACE, INSTALL PLUGIN, ...).</summary>
    Other,
}

/// <summary>The statement's verb.</summary>
public enum DdlVerb
{
    Create,
    Alter,
    Drop,
    Rename,
    Truncate,
    Other,
}

/// <summary>An object a statement names, qualified with the statement's default database when it was not.</summary>
public readonly record struct DdlObjectName(string Database, string Name)
{
    public override string ToString() => SqlText.Qualified(Database, Name);
}

/// <summary>
/// A classified statement: kind, verb and the objects it names (tables for table DDL, in statement order; RENAME
/// lists old and new names; DATABASE statements name the database in <see cref="DdlObjectName.Database"/> with an
/// empty <see cref="DdlObjectName.Name"/>).
/// </summary>
public sealed record DdlStatement(DdlObjectKind Kind, DdlVerb Verb, IReadOnlyList<DdlObjectName> Objects)
{
    /// <summary>CREATE/DROP TEMPORARY TABLE: session-local, never replicated.</summary>
    public bool Temporary { get; init; }

    /// <summary>CREATE OR REPLACE.</summary>
    public bool OrReplace { get; init; }

    /// <summary>IF EXISTS / IF NOT EXISTS was written.</summary>
    public bool Conditional { get; init; }

    /// <summary>CREATE/DROP INDEX (table DDL written as an index statement).</summary>
    public bool IsIndex { get; init; }

    /// <summary>Token index of the object keyword (TABLE, VIEW, ...) in the significant tokens, for rewrites; -1 when none.</summary>
    internal int ObjectKeywordIndex { get; init; } = -1;

    /// <summary>Short description for notes and errors, e.g. "DROP VIEW `db`.`v`".</summary>
    public string Describe() =>
        $"{Verb.ToString().ToUpperInvariant()} {(IsIndex ? "INDEX on " : "")}{Kind.ToString().ToUpperInvariant()}" +
        (Objects.Count > 0 ? " " + string.Join(", ", Objects.Select(o => o.Name.Length == 0 ? SqlText.Identifier(o.Database) : o.ToString())) : "");
}

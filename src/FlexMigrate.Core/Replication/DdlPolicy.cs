using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Metadata;
using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Decides what replay does with a statement from the binlog (docs/replication.md, "DDL"):
/// table DDL of in-scope tables is applied in stream order, except during the initial copy (before the catch-up
/// position), when only CREATE TABLE of a table the target lacks and TRUNCATE are safe and anything else stops
/// with instructions; views and routines are skipped during the copy (the orchestrator creates them from the
/// source once caught up) and applied idempotently after it; triggers and events wait for cutover; account
/// statements sync the accounts they name when the migration migrates accounts (<paramref name="replayAccounts"/>,
/// after the copy, whose account copy covers what came before) and are skipped otherwise; maintenance and session
/// statements and out-of-scope objects are skipped.
/// </summary>
internal sealed class DdlPolicy(ReplicationScope scope, bool replayAccounts = false)
{
    /// <param name="change">The statement and its default database.</param>
    /// <param name="statement">Its classification.</param>
    /// <param name="duringCopy">The transaction ends at or before the catch-up position.</param>
    /// <param name="position">Where the transaction ends, for messages.</param>
    /// <param name="targetHasTable">Whether the target has a table (CREATE TABLE during the copy).</param>
    public DdlDecision Decide(DdlChange change, DdlStatement statement, bool duringCopy, BinlogPosition position, Func<DdlObjectName, bool> targetHasTable)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(targetHasTable);
        var inScope = InScope(statement, change.Database);
        return statement.Kind switch
        {
            _ when !inScope => DdlDecision.Ignore,
            DdlObjectKind.Table => Table(change, statement, duringCopy, position, targetHasTable),
            DdlObjectKind.Database => Database(change, statement, duringCopy, position),
            DdlObjectKind.View or DdlObjectKind.Procedure or DdlObjectKind.Function => Stored(change, statement, duringCopy),
            DdlObjectKind.Trigger or DdlObjectKind.Event =>
                DdlDecision.Skip($"{statement.Describe()} at {position}: deferred to cutover (triggers and events are created at cutover so they never fire on replicated rows)."),
            DdlObjectKind.Account => Account(change, duringCopy, position),
            DdlObjectKind.Dml => DdlDecision.Stop(
                $"The source logged a row change as a statement at {position} ({Head(change.Sql)}), in database {SqlText.Identifier(change.Database)}: replay needs every change as row events. " +
                "Set binlog_format=ROW on the source and restart the migration."),
            DdlObjectKind.Other => DdlDecision.Skip($"Statement at {position} not replicated (not a table, view or routine statement): {Head(change.Sql)}"),
            _ => DdlDecision.Ignore,
        };
    }

    /// <summary>Whether the statement touches the scope: a named in-scope table/object, an in-scope database, or (unnamed) the default database.</summary>
    public bool InScope(DdlStatement statement, string defaultDatabase)
    {
        ArgumentNullException.ThrowIfNull(statement);
        return statement.Kind switch
        {
            DdlObjectKind.Table => statement.Objects.Any(o => scope.IncludesTable(o.Database, o.Name)),
            DdlObjectKind.Database or DdlObjectKind.View or DdlObjectKind.Procedure or DdlObjectKind.Function or DdlObjectKind.Trigger or DdlObjectKind.Event =>
                statement.Objects.Any(o => scope.IncludesDatabase(o.Database)),
            DdlObjectKind.Account => true,
            DdlObjectKind.Dml or DdlObjectKind.Other => defaultDatabase.Length > 0 && scope.IncludesDatabase(defaultDatabase),
            _ => false,
        };
    }

    // The statement text may hold a password (MariaDB logs IDENTIFIED BY 'plain text'): notes name its verb only.
    private DdlDecision Account(DdlChange change, bool duringCopy, BinlogPosition position)
    {
        var what = Accounts.AccountStatementNames.Describe(change.Sql);
        if (!replayAccounts)
        {
            return DdlDecision.Skip($"Account statement at {position} not replicated (accounts are migrated with --users): {what}");
        }

        return duringCopy
            ? DdlDecision.Skip($"Account statement at {position} during the initial copy: covered by the account copy once replay has caught up: {what}")
            : DdlDecision.SyncAccounts;
    }

    private DdlDecision Table(DdlChange change, DdlStatement statement, bool duringCopy, BinlogPosition position, Func<DdlObjectName, bool> targetHasTable)
    {
        if (statement.Temporary)
        {
            return DdlDecision.Ignore;
        }

        var table = statement.Objects.First(o => scope.IncludesTable(o.Database, o.Name));
        if (duringCopy)
        {
            if (statement.Verb == DdlVerb.Create && !statement.IsIndex)
            {
                return targetHasTable(table)
                    ? DdlDecision.Skip($"CREATE TABLE {table} at {position} during the initial copy: the table already exists on the target (created by the schema phase); kept.")
                    : DdlDecision.Run(Bytes(change));
            }

            // TRUNCATE is safe: rows the copy took before it are removed, rows inserted after it are in the binlog after it.
            if (statement.Verb == DdlVerb.Truncate)
            {
                return DdlDecision.Run(Bytes(change));
            }

            return DdlDecision.Stop(
                $"Table {table} changed during the initial copy: `{Head(change.Sql)}` at source binlog position {position} (before the copy finished at the catch-up position). " +
                "The copied rows may not match the new definition. Restart the migration for this table (with drop-existing) at a time when no DDL runs on it.");
        }

        // DROP TABLE may list out-of-scope tables too: drop only ours, and tolerate a table already gone.
        if (statement.Verb == DdlVerb.Drop && !statement.IsIndex)
        {
            var ours = statement.Objects.Where(o => scope.IncludesTable(o.Database, o.Name)).Select(o => o.ToString());
            return DdlDecision.Run(StatementBytes.FromText($"DROP TABLE IF EXISTS {string.Join(", ", ours)}"));
        }

        return DdlDecision.Run(Bytes(change));
    }

    private static DdlDecision Database(DdlChange change, DdlStatement statement, bool duringCopy, BinlogPosition position)
    {
        var name = statement.Objects[0].Database;
        return statement.Verb switch
        {
            DdlVerb.Create => DdlDecision.Run(Conditional(change, statement, " IF NOT EXISTS")),
            DdlVerb.Drop when duringCopy => DdlDecision.Stop(
                $"Database {SqlText.Identifier(name)} was dropped during the initial copy (`{Head(change.Sql)}` at source binlog position {position}). Restart the migration without it."),
            DdlVerb.Drop => DdlDecision.Run(Conditional(change, statement, " IF EXISTS")),
            _ => DdlDecision.Run(Bytes(change)),
        };
    }

    private static DdlDecision Stored(DdlChange change, DdlStatement statement, bool duringCopy)
    {
        if (duringCopy)
        {
            return DdlDecision.Skip(
                $"{statement.Describe()} during the initial copy: skipped; views and routines are created from the source's definitions once replay has caught up.");
        }

        var sql = Bytes(change);
        var backslashEscapes = !SqlModeFlags.NoBackslashEscapes(change.Session?.SqlMode);
        var name = statement.Objects.Count > 0 ? statement.Objects[0].ToString() : "";
        switch (statement.Verb)
        {
            case DdlVerb.Drop when !statement.Conditional && statement.ObjectKeywordIndex >= 0:
                return DdlDecision.Run(Conditional(change, statement, " IF EXISTS"));
            case DdlVerb.Create when statement.Kind == DdlObjectKind.View:
                var view = DefinerRewriter.ToCurrentUser(sql, backslashEscapes).Statement;
                return DdlDecision.Run(statement.OrReplace ? view : view.Insert(WordEnd(view, 0, change), " OR REPLACE"));
            case DdlVerb.Create:
                // MySQL has no CREATE OR REPLACE PROCEDURE: drop, then create (MariaDB's OR REPLACE removed).
                var kind = statement.Kind == DdlObjectKind.Procedure ? "PROCEDURE" : "FUNCTION";
                // The server logs CREATE PROCEDURE/FUNCTION rebuilt, with its COMMENT in UTF-8 (DefinitionComment).
                sql = DefinitionComment.InClientCharset(sql, kind, change.Session?.SqlMode);
                var routine = DefinerRewriter.ToCurrentUser(statement.OrReplace ? RemoveOrReplace(sql, change) : sql, backslashEscapes).Statement;
                return DdlDecision.Run(StatementBytes.FromText($"DROP {kind} IF EXISTS {name}"), routine);
            default:
                return DdlDecision.Run(statement.Verb == DdlVerb.Alter && statement.Kind == DdlObjectKind.View
                    ? DefinerRewriter.ToCurrentUser(sql, backslashEscapes).Statement
                    : sql);
        }
    }

    /// <summary>The statement as the source sent it (or its text, for a change built from text).</summary>
    private static StatementBytes Bytes(DdlChange change) => change.Statement ?? StatementBytes.FromText(change.Sql);

    /// <summary>The significant tokens of the statement's bytes (offsets are byte offsets), read under its sql_mode.</summary>
    private static List<SqlToken> Significant(StatementBytes sql, DdlChange change)
    {
        var mode = change.Session?.SqlMode;
        return DdlClassifier.Significant(SqlTokenizer.Tokenize(sql.Mask, !SqlModeFlags.NoBackslashEscapes(mode), SqlModeFlags.Has(mode, "ANSI_QUOTES")));
    }

    /// <summary>The statement with <paramref name="clause"/> (" IF EXISTS", " IF NOT EXISTS") after its object keyword, unless it has one.</summary>
    private static StatementBytes Conditional(DdlChange change, DdlStatement statement, string clause)
    {
        var sql = Bytes(change);
        return statement.Conditional ? sql : sql.Insert(WordEnd(sql, statement.ObjectKeywordIndex, change), clause);
    }

    private static int WordEnd(StatementBytes sql, int significantIndex, DdlChange change)
    {
        var token = Significant(sql, change)[significantIndex];
        return token.Offset + token.Text.Length;
    }

    private static StatementBytes RemoveOrReplace(StatementBytes sql, DdlChange change)
    {
        var significant = Significant(sql, change);
        var or = significant[1];
        var replace = significant[2];
        return sql.Remove(or.Offset, replace.Offset + replace.Text.Length - or.Offset);
    }

    /// <summary>The statement's start, one line, for messages (bodies can be long).</summary>
    internal static string Head(string sql)
    {
        var oneLine = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 160 ? oneLine : oneLine[..157] + "...";
    }
}

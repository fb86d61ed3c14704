using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Metadata;

/// <summary>The statement that creates one stored object on the target.</summary>
/// <param name="Statement">The source's definition bytes with the definer policy applied; run it with the object's
/// database as the current database (SHOW CREATE prints unqualified names) under the object's session.</param>
/// <param name="Note">The definer rewrite made, or null.</param>
public sealed record ObjectDdl(StatementBytes Statement, MigrationNote? Note)
{
    /// <summary>The statement read as text (the schema snapshot, messages).</summary>
    public string Sql => Statement.Text;
}

/// <summary>
/// Turns the SHOW CREATE definitions of views, routines, triggers and events into target DDL (definer policy applied).
/// The definitions stay the bytes the source stores: edits are ASCII, made at byte offsets (<see cref="StatementBytes"/>).
/// </summary>
public static class MetadataDdlPlanner
{
    /// <summary>CREATE OR REPLACE VIEW ... (replace makes a retried phase idempotent; a plain CREATE would fail).</summary>
    public static ObjectDdl View(ViewSchema view, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        // SHOW CREATE VIEW prints for the reading session's sql_mode, the schema mode: backslashes escape.
        var ddl = Definer("view", view.Name, new StatementBytes(view.Definition, view.Context.Charset), true, options);
        var tokens = ddl.Statement.Tokens();
        var create = tokens.First(t => t.IsKeyword("CREATE"));
        var next = TableOptions.SkipTrivia(tokens, tokens.ToList().IndexOf(create) + 1, tokens.Count);
        if (next < tokens.Count && tokens[next].IsKeyword("OR"))
        {
            return ddl;
        }

        return ddl with { Statement = ddl.Statement.Insert(create.Offset + create.Text.Length, " OR REPLACE") };
    }

    /// <summary>The create statement of a routine, trigger or event, with the definer policy applied.</summary>
    public static ObjectDdl StoredObject(string kind, ObjectName name, byte[] definition, StoredObjectContext context, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Definer(kind, name, new StatementBytes(definition, context.Charset), !SqlModeFlags.NoBackslashEscapes(context.SqlMode), options);
    }

    private static ObjectDdl Definer(string kind, ObjectName name, StatementBytes statement, bool backslashEscapes, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KeepDefiners)
        {
            return new ObjectDdl(statement, null);
        }

        var (rewritten, original) = DefinerRewriter.ToCurrentUser(statement, backslashEscapes);
        var note = original is not null
            ? new MigrationNote(NoteSeverity.Info, name.ToString(),
                $"DEFINER {original} of {kind} rewritten to the migration user (CURRENT_USER). Use --keep-definers to keep it "
                + "(needs SUPER or SET_USER_ID on the target).")
            : null;
        return new ObjectDdl(rewritten, note);
    }
}

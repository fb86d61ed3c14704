using FlexMigrate.Core.Schema;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Core.Metadata;

/// <summary>The statement that creates one stored object on the target.</summary>
/// <param name="Sql">The statement; run it with the object's database as the current database (SHOW CREATE prints
/// unqualified names).</param>
/// <param name="Note">The definer rewrite made, or null.</param>
public sealed record ObjectDdl(string Sql, MigrationNote? Note);

/// <summary>Turns SHOW CREATE text of views, routines, triggers and events into target DDL (definer policy applied).</summary>
public static class MetadataDdlPlanner
{
    /// <summary>CREATE OR REPLACE VIEW ... (replace makes a retried phase idempotent; a plain CREATE would fail).</summary>
    public static ObjectDdl View(ViewSchema view, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(view);
        var ddl = Definer("view", view.Name, view.CreateStatement, true, options);
        var tokens = SqlTokenizer.Tokenize(ddl.Sql);
        var create = tokens.First(t => t.IsKeyword("CREATE"));
        var next = TableOptions.SkipTrivia(tokens, tokens.ToList().IndexOf(create) + 1, tokens.Count);
        if (next < tokens.Count && tokens[next].IsKeyword("OR"))
        {
            return ddl;
        }

        var at = create.Offset + create.Text.Length;
        return ddl with { Sql = ddl.Sql[..at] + " OR REPLACE" + ddl.Sql[at..] };
    }

    /// <summary>The create statement of a routine, trigger or event, with the definer policy applied.</summary>
    public static ObjectDdl StoredObject(string kind, ObjectName name, string createStatement, StoredObjectContext context, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        var backslashEscapes = !(context.SqlMode ?? "").Contains("NO_BACKSLASH_ESCAPES", StringComparison.OrdinalIgnoreCase);
        return Definer(kind, name, createStatement, backslashEscapes, options);
    }

    private static ObjectDdl Definer(string kind, ObjectName name, string createStatement, bool backslashEscapes, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.KeepDefiners)
        {
            return new ObjectDdl(createStatement, null);
        }

        var rewrite = DefinerRewriter.ToCurrentUser(createStatement, backslashEscapes);
        var note = rewrite.OriginalDefiner is { } original
            ? new MigrationNote(NoteSeverity.Info, name.ToString(),
                $"DEFINER {original} of {kind} rewritten to the migration user (CURRENT_USER). Use --keep-definers to keep it "
                + "(needs SUPER or SET_USER_ID on the target).")
            : null;
        return new ObjectDdl(rewrite.Sql, note);
    }
}

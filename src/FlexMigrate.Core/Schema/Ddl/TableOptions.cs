namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>A table option found in a CREATE TABLE trailer: tokens [Start, End) span "NAME[ ]=[ ]VALUE".</summary>
/// <param name="Start">Index of the option name token.</param>
/// <param name="End">Index after the value token.</param>
/// <param name="Value">The value as written (quotes kept for strings).</param>
public readonly record struct TableOption(int Start, int End, string Value);

/// <summary>
/// Reads and edits the table options after a CREATE TABLE body (") ENGINE=InnoDB AUTO_INCREMENT=5 ... PARTITION BY ...").
/// Options of the table proper end where the partition clause begins; ENGINE also appears per partition.
/// </summary>
public static class TableOptions
{
    /// <summary>Finds a table option (not a per-partition one) by name.</summary>
    public static TableOption? Find(string trailer, string name)
    {
        var tokens = SqlTokenizer.Tokenize(trailer);
        var end = PartitionStart(tokens);
        foreach (var option in Enumerate(tokens, 0, end))
        {
            if (tokens[option.Start].IsKeyword(name))
            {
                return option;
            }
        }

        return null;
    }

    /// <summary>Every "NAME = VALUE" option in tokens [from, to).</summary>
    public static IEnumerable<TableOption> Enumerate(IReadOnlyList<SqlToken> tokens, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (tokens[i].Kind != SqlTokenKind.Word)
            {
                continue;
            }

            var j = SkipTrivia(tokens, i + 1, to);
            if (j >= to || !tokens[j].IsPunctuation('='))
            {
                continue;
            }

            var v = SkipTrivia(tokens, j + 1, to);
            if (v < to && tokens[v].Kind is SqlTokenKind.Word or SqlTokenKind.StringLiteral or SqlTokenKind.QuotedIdentifier)
            {
                yield return new TableOption(i, v + 1, tokens[v].Text);
                i = v;
            }
        }
    }

    /// <summary>Index of the PARTITION keyword starting "PARTITION BY", or the token count when unpartitioned.</summary>
    public static int PartitionStart(IReadOnlyList<SqlToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsKeyword("PARTITION"))
            {
                var j = SkipTrivia(tokens, i + 1, tokens.Count);
                if (j < tokens.Count && tokens[j].IsKeyword("BY"))
                {
                    // Include an opening versioned comment ("/*!50100 PARTITION BY") in the partition clause.
                    var k = i - 1;
                    while (k >= 0 && tokens[k].Kind == SqlTokenKind.Whitespace)
                    {
                        k--;
                    }

                    return k >= 0 && tokens[k].Kind == SqlTokenKind.ConditionalCommentStart ? k : i;
                }
            }
        }

        return tokens.Count;
    }

    internal static int SkipTrivia(IReadOnlyList<SqlToken> tokens, int i, int to)
    {
        while (i < to && tokens[i].IsTrivia)
        {
            i++;
        }

        return i;
    }
}

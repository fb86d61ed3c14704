using System.Text;

namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>The outcome of converting a table's engine in its CREATE TABLE trailer.</summary>
/// <param name="Trailer">The rewritten trailer.</param>
/// <param name="FromEngine">The engine replaced, or null when the table already used InnoDB.</param>
/// <param name="DroppedOptions">Options removed because InnoDB rejects them (e.g. "ROW_FORMAT=FIXED", "PAGE_CHECKSUM=1").</param>
public sealed record EngineConversion(string Trailer, string? FromEngine, IReadOnlyList<string> DroppedOptions);

/// <summary>
/// Rewrites ENGINE=X to ENGINE=InnoDB in a CREATE TABLE trailer (table and per-partition engines), dropping options
/// InnoDB refuses under innodb_strict_mode (ON by default on MySQL 5.7+/MariaDB 10.2+): ROW_FORMAT=FIXED/PAGE
/// (MyISAM/Aria formats) and Aria's PAGE_CHECKSUM / TRANSACTIONAL (MySQL does not parse them at all).
/// </summary>
public static class EngineConverter
{
    private static readonly HashSet<string> InnoDbRowFormats = new(StringComparer.OrdinalIgnoreCase)
    {
        "DEFAULT", "DYNAMIC", "COMPACT", "REDUNDANT", "COMPRESSED",
    };

    private static readonly HashSet<string> AriaOnlyOptions = new(StringComparer.OrdinalIgnoreCase)
    {
        "PAGE_CHECKSUM", "TRANSACTIONAL",
    };

    /// <summary>Converts <paramref name="trailer"/> to InnoDB.</summary>
    public static EngineConversion ToInnoDb(string trailer)
    {
        var tokens = SqlTokenizer.Tokenize(trailer);
        var partitionStart = TableOptions.PartitionStart(tokens);
        var skip = new HashSet<int>();
        var replace = new Dictionary<int, string>();
        string? fromEngine = null;
        var dropped = new List<string>();
        foreach (var option in TableOptions.Enumerate(tokens, 0, tokens.Count))
        {
            var name = tokens[option.Start];
            var valueIndex = option.End - 1;
            if (name.IsKeyword("ENGINE"))
            {
                if (!option.Value.Equals("InnoDB", StringComparison.OrdinalIgnoreCase))
                {
                    fromEngine ??= option.Value;
                    replace[valueIndex] = "InnoDB";
                }
            }
            else if (option.Start < partitionStart && (AriaOnlyOptions.Contains(name.Text)
                || (name.IsKeyword("ROW_FORMAT") && !InnoDbRowFormats.Contains(option.Value))))
            {
                dropped.Add(SqlTokenizer.Join(tokens.Skip(option.Start).Take(option.End - option.Start)));
                // Also drop the whitespace before the option so no double space is left behind.
                var from = option.Start > 0 && tokens[option.Start - 1].Kind == SqlTokenKind.Whitespace ? option.Start - 1 : option.Start;
                for (var i = from; i < option.End; i++)
                {
                    skip.Add(i);
                }
            }
        }

        if (fromEngine is null)
        {
            return new EngineConversion(trailer, null, []);
        }

        var sb = new StringBuilder(trailer.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!skip.Contains(i))
            {
                sb.Append(replace.TryGetValue(i, out var r) ? r : tokens[i].Text);
            }
        }

        return new EngineConversion(sb.ToString(), fromEngine, dropped);
    }
}

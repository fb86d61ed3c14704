using System.Globalization;
using System.Text;
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// What a source transaction touches, for the parallel applier's conflict rule (docs/replication.md, "Parallel
/// apply"): one key per unique-key value of every row image (before and after; the binlog's primary key and every
/// PRIMARY/UNIQUE key of the table), one per foreign-key family (tables linked by any foreign key, so a parent and
/// its children, and the cascades the applier emulates, stay on one connection in source order), and one per table
/// whose rows a key cannot pin down (no usable unique key, a functional key part, a key column the event lacks).
/// Two transactions that share a key are applied in source order on one connection. Keys are hashes: a collision
/// only joins two transactions that could have run apart.
/// </summary>
internal sealed class ConflictKeys(ReplicatedTableReader tables, ReplicationScope scope)
{
    /// <summary>Foreign keys of the replicated databases (re-read after table DDL, like the applier's).</summary>
    public CascadeCalls Families { get; set; } = CascadeCalls.None;

    /// <summary>
    /// The keys <paramref name="transaction"/> touches, or null when it must run alone between the transactions
    /// before and after it (a statement, or a row of a table neither server knows).
    /// </summary>
    public async ValueTask<HashSet<long>?> OfAsync(BinlogTransaction transaction, CancellationToken cancellationToken)
    {
        var keys = new HashSet<long>();
        foreach (var change in transaction.Changes)
        {
            if (change is not RowChange row)
            {
                return null;
            }

            if (!scope.IncludesTable(row.Database, row.Table))
            {
                continue;
            }

            var table = await tables.GetAsync(row.Database, row.Table, null, cancellationToken).ConfigureAwait(false);
            if (!table.Known)
            {
                return null;
            }

            if (Families.FamilyOf(row.Database, row.Table) is { } family)
            {
                keys.Add(Hash("family", family.Database, family.Table));
            }

            AddRowKeys(keys, table, row, row.Before);
            AddRowKeys(keys, table, row, row.After);
        }

        return keys;
    }

    private static void AddRowKeys(HashSet<long> keys, ReplicatedTable table, RowChange row, object?[]? image)
    {
        if (image is null)
        {
            return;
        }

        var pinned = false;
        if (row.PrimaryKey.Count > 0)
        {
            keys.Add(KeyHash(row, "binlog-primary", row.PrimaryKey.Select(i => (i, (int?)null)), image));
            pinned = true;
        }

        for (var k = 0; k < table.UniqueKeys.Count; k++)
        {
            var parts = new List<(int Column, int? Prefix)>();
            foreach (var part in table.UniqueKeys[k])
            {
                var column = part.Name is null ? -1 : IndexOf(row.Columns, part.Name);
                if (column < 0)
                {
                    // A functional key part, or a column this event does not carry: the key's values are unknown.
                    keys.Add(Hash("table", row.Database, row.Table));
                    return;
                }

                parts.Add((column, part.PrefixLength));
            }

            // A NULL in a unique key never collides (SQL NULLs are distinct), so that value touches nothing.
            if (parts.Any(p => image[p.Column] is null or DBNull))
            {
                continue;
            }

            keys.Add(KeyHash(row, k.ToString(CultureInfo.InvariantCulture), parts, image));
            pinned = true;
        }

        if (!pinned)
        {
            keys.Add(Hash("table", row.Database, row.Table));
        }
    }

    private static int IndexOf(IReadOnlyList<BinlogColumn> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            // Column names are case-insensitive in MySQL, so the binlog's spelling may differ from information_schema's.
            if (string.Equals(columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static long KeyHash(RowChange row, string key, IEnumerable<(int Column, int? Prefix)> parts, object?[] image)
    {
        // Two differently seeded hashes make a 64-bit key: equal values always give equal keys, and a collision
        // (rare) only serializes two transactions.
        var low = new HashCode();
        var high = new HashCode();
        low.Add(1);
        high.Add(2);
        foreach (var name in new[] { row.Database, row.Table, key })
        {
            low.Add(name, StringComparer.Ordinal);
            high.Add(name, StringComparer.Ordinal);
        }

        foreach (var (column, prefix) in parts)
        {
            var value = Comparable(row.Columns[column], image[column], prefix);
            if (value is byte[] bytes)
            {
                low.AddBytes(bytes);
                high.AddBytes(bytes);
                high.Add(bytes.Length);
            }
            else
            {
                low.Add(value);
                high.Add(value);
            }
        }

        return ((long)low.ToHashCode() << 32) | (uint)high.ToHashCode();
    }

    private static long Hash(string kind, string database, string table) =>
        ((long)HashCode.Combine(kind, database, table) << 32) | (uint)HashCode.Combine(table, database, kind, 7);

    /// <summary>
    /// A value two rows share whenever the server could find them equal in a unique key: bytes as they are, numbers
    /// and times by value, and collated text folded coarsely enough that every collation's equality implies equal
    /// folds (<see cref="Fold"/>). A prefix key part compares its first characters (bytes for binary columns) only.
    /// </summary>
    private static object? Comparable(BinlogColumn column, object? value, int? prefix)
    {
        switch (value)
        {
            case string text when TableBuffer.IsCollated(column):
                return Fold(prefix is { } n && text.Length > n ? text[..n] : text);
            case byte[] bytes when TableBuffer.IsCollated(column):
                return Fold(Encoding.Latin1.GetString(prefix is { } m && bytes.Length > m ? bytes[..m] : bytes));
            case byte[] bytes when prefix is { } p && bytes.Length > p:
                return bytes[..p];
            case string text when prefix is { } q && text.Length > q:
                return text[..q];
            default:
                return value;
        }
    }

    /// <summary>
    /// A coarse fold of collated text, its consonant skeleton: compatibility-decomposed, accents dropped, ASCII
    /// letters lower-cased, vowels dropped (German2's ü = ue, Danish å = aa), v and w one letter (Swedish), runs of a
    /// letter collapsed (general_ci's ß = s beside unicode_ci's ß = ss), every other character (spaces, punctuation,
    /// ignorable and non-Latin characters) dropped. Dropping only makes more values equal, so the case-, accent-,
    /// expansion- and pad-insensitive equality of the MySQL and MariaDB collations implies equal folds; the cost is a
    /// false conflict now and then (two transactions applied in order that could have run apart).
    /// </summary>
    internal static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var letters = c switch
            {
                >= '0' and <= '9' => c.ToString(),
                >= 'A' and <= 'Z' or >= 'a' and <= 'z' => char.ToLowerInvariant(c).ToString(),
                'ß' or 'ẞ' => "s",
                'þ' or 'Þ' => "th",
                'đ' or 'Đ' or 'ð' or 'Ð' => "d",
                'ł' or 'Ł' => "l",
                _ => "",
            };
            foreach (var letter in letters)
            {
                var kept = letter == 'w' ? 'v' : letter;
                if ("aeiouy".Contains(kept, StringComparison.Ordinal) || (folded.Length > 0 && folded[^1] == kept))
                {
                    continue;
                }

                folded.Append(kept);
            }
        }

        return folded.ToString();
    }
}

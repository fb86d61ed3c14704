using System.Globalization;
using System.Text.Json.Serialization;

namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>What a line of a CREATE TABLE body defines.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TableItemKind>))]
public enum TableItemKind
{
    Column,
    PrimaryKey,
    UniqueKey,
    Key,
    FulltextKey,
    SpatialKey,
    ForeignKey,
    Check,

    /// <summary>Anything else (e.g. MariaDB PERIOD FOR): kept with the table.</summary>
    Other,
}

/// <summary>One comma-separated element of a CREATE TABLE body.</summary>
/// <param name="Kind">What it defines.</param>
/// <param name="Name">Column, index or constraint name; null when unnamed.</param>
/// <param name="FirstKeyColumn">For an index: its first column; otherwise null.</param>
/// <param name="Text">Exact text, leading whitespace included.</param>
public sealed record TableItem(TableItemKind Kind, string? Name, string? FirstKeyColumn, string Text)
{
    /// <summary>Secondary index kinds: everything added after the data load.</summary>
    public bool IsSecondaryIndex => Kind is TableItemKind.UniqueKey or TableItemKind.Key
        or TableItemKind.FulltextKey or TableItemKind.SpatialKey;

    /// <summary>The definition without leading/trailing whitespace, for ALTER TABLE ... ADD.</summary>
    public string Clause => Text.Trim();
}

/// <summary>
/// A SHOW CREATE TABLE statement split into header ("CREATE TABLE `t` ("), body items (columns, keys, constraints)
/// and trailer (") ENGINE=... PARTITION BY ..."). Splitting is done on tokens, so commas and parentheses inside
/// literals, comments, defaults or generated expressions never split an item. Concatenating
/// <see cref="Header"/>, the items joined by ",", and <see cref="Trailer"/> gives the input back exactly.
/// </summary>
public sealed record CreateTableDefinition(string Header, IReadOnlyList<TableItem> Items, string Trailer)
{
    /// <summary>Parses SHOW CREATE TABLE output.</summary>
    /// <exception cref="FormatException">Not a CREATE TABLE statement with a parenthesized body.</exception>
    public static CreateTableDefinition Parse(string createStatement)
    {
        var tokens = SqlTokenizer.Tokenize(createStatement);
        var open = tokens.ToList().FindIndex(t => t.IsPunctuation('('));
        if (open < 0 || !tokens.Take(open).Any(t => t.IsKeyword("TABLE")))
        {
            throw new FormatException("Not a CREATE TABLE statement with a column list: " + Abbreviate(createStatement));
        }

        var items = new List<TableItem>();
        var depth = 0;
        var itemStart = open + 1;
        for (var i = open + 1; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsPunctuation('('))
            {
                depth++;
            }
            else if (t.IsPunctuation(')') && depth > 0)
            {
                depth--;
            }
            else if (t.IsPunctuation(',') && depth == 0)
            {
                items.Add(Classify(Slice(tokens, itemStart, i)));
                itemStart = i + 1;
            }
            else if (t.IsPunctuation(')'))
            {
                items.Add(Classify(Slice(tokens, itemStart, i)));
                var header = createStatement[..(tokens[open].Offset + 1)];
                return new CreateTableDefinition(header, items, createStatement[t.Offset..]);
            }
        }

        throw new FormatException("CREATE TABLE body is not closed: " + Abbreviate(createStatement));
    }

    /// <summary>Rebuilds the statement from its parts.</summary>
    public string ToSql(IEnumerable<TableItem>? items = null) =>
        Header + string.Join(",", (items ?? Items).Select(i => i.Text)) + Trailer;

    /// <summary>Reads a numeric table option (e.g. AUTO_INCREMENT) from the trailer, or null when absent.</summary>
    public long? NumericOption(string option)
    {
        var value = TableOptions.Find(Trailer, option);
        return value is { } v && long.TryParse(v.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private static List<SqlToken> Slice(IReadOnlyList<SqlToken> tokens, int from, int to) =>
        tokens.Skip(from).Take(to - from).ToList();

    private static TableItem Classify(List<SqlToken> item)
    {
        var text = SqlTokenizer.Join(item);
        var words = item.Where(t => !t.IsTrivia).ToList();
        if (words.Count == 0)
        {
            throw new FormatException("Empty element in CREATE TABLE body.");
        }

        var first = words[0];
        if (first.Kind == SqlTokenKind.QuotedIdentifier)
        {
            return new TableItem(TableItemKind.Column, first.IdentifierName, null, text);
        }

        var at = 0;
        string? constraintName = null;
        if (first.IsKeyword("CONSTRAINT"))
        {
            at = 1;
            if (words.Count > 1 && words[1].IsIdentifier && !IsConstraintKeyword(words[1]))
            {
                constraintName = words[1].IdentifierName;
                at = 2;
            }
        }

        var head = words.Count > at ? words[at] : first;
        var kind = head switch
        {
            _ when head.IsKeyword("PRIMARY") => TableItemKind.PrimaryKey,
            _ when head.IsKeyword("UNIQUE") => TableItemKind.UniqueKey,
            _ when head.IsKeyword("KEY") || head.IsKeyword("INDEX") => TableItemKind.Key,
            _ when head.IsKeyword("FULLTEXT") => TableItemKind.FulltextKey,
            _ when head.IsKeyword("SPATIAL") => TableItemKind.SpatialKey,
            _ when head.IsKeyword("FOREIGN") => TableItemKind.ForeignKey,
            _ when head.IsKeyword("CHECK") => TableItemKind.Check,
            _ when head.IsKeyword("PERIOD") => TableItemKind.Other,
            _ => TableItemKind.Column,
        };
        return kind switch
        {
            TableItemKind.Column => new TableItem(kind, first.IdentifierName, null, text),
            TableItemKind.ForeignKey or TableItemKind.Check => new TableItem(kind, constraintName, null, text),
            TableItemKind.Other => new TableItem(kind, null, null, text),
            _ => KeyItem(kind, words, at, constraintName, text),
        };
    }

    private static TableItem KeyItem(TableItemKind kind, List<SqlToken> words, int at, string? constraintName, string text)
    {
        // Shape: [CONSTRAINT [c]] PRIMARY KEY | UNIQUE [KEY|INDEX] | KEY | INDEX | FULLTEXT|SPATIAL [KEY|INDEX] [name] [USING x] (cols)
        var i = at + 1;
        while (i < words.Count && (words[i].IsKeyword("KEY") || words[i].IsKeyword("INDEX")))
        {
            i++;
        }

        string? name = kind == TableItemKind.PrimaryKey ? "PRIMARY" : constraintName;
        if (i < words.Count && words[i].IsIdentifier && !words[i].IsKeyword("USING"))
        {
            name = kind == TableItemKind.PrimaryKey ? name : words[i].IdentifierName;
            i++;
        }

        var paren = words.FindIndex(i, w => w.IsPunctuation('('));
        var firstColumn = paren >= 0 && paren + 1 < words.Count && words[paren + 1].IsIdentifier
            ? words[paren + 1].IdentifierName
            : null;
        return new TableItem(kind, name, firstColumn, text);
    }

    private static bool IsConstraintKeyword(SqlToken t) =>
        t.IsKeyword("PRIMARY") || t.IsKeyword("UNIQUE") || t.IsKeyword("FOREIGN") || t.IsKeyword("CHECK");

    private static string Abbreviate(string s) => s.Length <= 120 ? s : s[..120] + "...";
}

namespace FlexMigrate.Core.Schema.Ddl;

/// <summary>
/// Derives a table's load-phase DDL from its SHOW CREATE TABLE text, so every column, type, default, generated
/// expression, charset, comment, partition clause and option is replayed exactly as the source printed it.
/// </summary>
public static class TableDdlPlanner
{
    /// <summary>Plans <paramref name="table"/> under <paramref name="options"/>.</summary>
    /// <exception cref="SchemaMigrationException">SHOW CREATE TABLE text that cannot be parsed.</exception>
    public static TableDdl Plan(TableSchema table, SchemaOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        CreateTableDefinition definition;
        try
        {
            definition = CreateTableDefinition.Parse(table.CreateStatement);
        }
        catch (FormatException ex)
        {
            throw new SchemaMigrationException(
                $"Cannot parse SHOW CREATE TABLE of {table.Name}: {ex.Message} Please report this with the statement.",
                table.Name.ToString(), null, ex);
        }

        var keptForLoad = KeptForLoad(definition.Items);
        var notes = new List<MigrationNote>();
        var trailer = definition.Trailer;
        if (!options.KeepEngines)
        {
            var conversion = EngineConverter.ToInnoDb(trailer);
            trailer = conversion.Trailer;
            if (conversion.FromEngine is { } from)
            {
                var dropped = conversion.DroppedOptions.Count == 0
                    ? ""
                    : $" Options InnoDB does not support were dropped: {string.Join(" ", conversion.DroppedOptions)}.";
                notes.Add(new MigrationNote(NoteSeverity.Info, table.Name.ToString(),
                    $"Engine {from} converted to InnoDB (Flexible Server supports only InnoDB).{dropped} Use --keep-engines to keep {from}."));
                if (HasPerGroupAutoIncrement(definition.Items))
                {
                    notes.Add(new MigrationNote(NoteSeverity.Warning, table.Name.ToString(),
                        $"The AUTO_INCREMENT column is not the first column of the primary key: {from} numbers it per group "
                        + "of the leading columns, InnoDB numbers it across the whole table. Review the application or keep the engine."));
                }
            }
        }

        var header = WithIfNotExists(definition.Header);
        var create = new CreateTableDefinition(header, definition.Items.Where(keptForLoad.Contains).ToList(), trailer).ToSql();
        var indexes = definition.Items.Where(i => i.IsSecondaryIndex && !keptForLoad.Contains(i))
            .Select(i => new AddClause(i.Name ?? "", i.Clause) { IsUnique = i.Kind == TableItemKind.UniqueKey }).ToList();
        var foreignKeys = definition.Items.Where(i => i.Kind == TableItemKind.ForeignKey)
            .Select(i => new AddClause(i.Name ?? "", i.Clause)).ToList();
        var createWithIndexes = new CreateTableDefinition(header, definition.Items.Where(i => i.Kind != TableItemKind.ForeignKey).ToList(), trailer).ToSql();
        var createWithNonUnique = new CreateTableDefinition(header,
            definition.Items.Where(i => i.Kind != TableItemKind.ForeignKey && (keptForLoad.Contains(i) || i.Kind != TableItemKind.UniqueKey)).ToList(), trailer).ToSql();
        return new TableDdl(table.Name, create, indexes, foreignKeys, notes, createWithIndexes, createWithNonUnique);
    }

    /// <summary>
    /// Columns, primary key, checks and other items stay in CREATE; secondary indexes and foreign keys wait for the
    /// data. Two exceptions keep indexes up to (and including) a given one:
    /// - InnoDB refuses an AUTO_INCREMENT column that does not lead some index ("there can be only one auto column and
    ///   it must be defined as a key", error 1075): the first index it leads, when that is not the primary key.
    /// - A table without a primary key keeps its first UNIQUE key over NOT NULL whole columns: InnoDB clusters the
    ///   table on it (https://dev.mysql.com/doc/refman/8.0/en/innodb-index-types.html), and the copy uses it to split
    ///   and re-run chunks, which needs it indexed during the load.
    /// Keeping a prefix of the server-ordered index list and adding the rest later keeps SHOW CREATE TABLE's index
    /// order equal to the source's.
    /// </summary>
    internal static HashSet<TableItem> KeptForLoad(IReadOnlyList<TableItem> items)
    {
        var kept = items.Where(i => i.Kind is not (TableItemKind.ForeignKey or TableItemKind.UniqueKey
            or TableItemKind.Key or TableItemKind.FulltextKey or TableItemKind.SpatialKey)).ToHashSet();
        var keys = items.Where(i => i.Kind == TableItemKind.PrimaryKey || i.IsSecondaryIndex).ToList();
        var autoColumn = items.FirstOrDefault(i => i.Kind == TableItemKind.Column && HasAutoIncrement(i));
        var autoKey = autoColumn is null ? -1 : keys.FindIndex(k => k.FirstKeyColumn == autoColumn.Name);
        var clusterKey = keys.Any(k => k.Kind == TableItemKind.PrimaryKey)
            ? -1
            : keys.FindIndex(k => k.Kind == TableItemKind.UniqueKey && IsOverNotNullColumns(k, items));
        kept.UnionWith(keys.Take(Math.Max(autoKey, clusterKey) + 1));
        return kept;
    }

    /// <summary>True when every key part is a whole column (no prefix, no expression) declared NOT NULL.</summary>
    private static bool IsOverNotNullColumns(TableItem key, IReadOnlyList<TableItem> items)
    {
        var tokens = SqlTokenizer.Tokenize(key.Text).Where(t => !t.IsTrivia).ToList();
        var open = tokens.FindIndex(t => t.IsPunctuation('('));
        var close = tokens.FindIndex(open + 1, t => t.IsPunctuation(')'));
        if (open < 0 || close < 0 || tokens.Skip(open + 1).Take(close - open - 1).Any(t => t.IsPunctuation('(')))
        {
            return false;
        }

        var columns = tokens.Skip(open + 1).Take(close - open - 1).Where(t => t.Kind == SqlTokenKind.QuotedIdentifier).Select(t => t.IdentifierName);
        return columns.All(name => items.Any(i => i.Kind == TableItemKind.Column && i.Name == name && IsNotNull(i)));
    }

    /// <summary>NOT NULL at the top level of a column definition (not inside a generated expression or default).</summary>
    private static bool IsNotNull(TableItem column)
    {
        var depth = 0;
        SqlToken? previous = null;
        foreach (var t in SqlTokenizer.Tokenize(column.Text).Where(t => !t.IsTrivia))
        {
            depth += t.IsPunctuation('(') ? 1 : t.IsPunctuation(')') ? -1 : 0;
            if (depth == 0 && t.IsKeyword("NULL") && previous is { } p && p.IsKeyword("NOT"))
            {
                return true;
            }

            previous = t;
        }

        return false;
    }

    /// <summary>
    /// MyISAM/Aria number an AUTO_INCREMENT column that is a later part of a multi-column key per group of the key's
    /// leading columns (https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html); InnoDB never does.
    /// </summary>
    private static bool HasPerGroupAutoIncrement(IReadOnlyList<TableItem> items)
    {
        var autoColumn = items.FirstOrDefault(i => i.Kind == TableItemKind.Column && HasAutoIncrement(i));
        var primary = items.FirstOrDefault(i => i.Kind == TableItemKind.PrimaryKey);
        return autoColumn is not null && primary is not null && primary.FirstKeyColumn != autoColumn.Name
            && SqlTokenizer.Tokenize(primary.Text).Any(t => t.Kind == SqlTokenKind.QuotedIdentifier && t.IdentifierName == autoColumn.Name);
    }

    private static bool HasAutoIncrement(TableItem column) =>
        SqlTokenizer.Tokenize(column.Text).Any(t => t.IsKeyword("AUTO_INCREMENT"));

    private static string WithIfNotExists(string header)
    {
        var tokens = SqlTokenizer.Tokenize(header);
        var table = tokens.ToList().FindIndex(t => t.IsKeyword("TABLE"));
        var next = TableOptions.SkipTrivia(tokens, table + 1, tokens.Count);
        if (next < tokens.Count && tokens[next].IsKeyword("IF"))
        {
            return header;
        }

        return header[..(tokens[table].Offset + tokens[table].Text.Length)] + " IF NOT EXISTS" + header[(tokens[table].Offset + tokens[table].Text.Length)..];
    }
}

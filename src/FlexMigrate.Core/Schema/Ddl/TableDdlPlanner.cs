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
            }
        }

        var header = WithIfNotExists(definition.Header);
        var create = new CreateTableDefinition(header, definition.Items.Where(keptForLoad.Contains).ToList(), trailer).ToSql();
        var indexes = definition.Items.Where(i => i.IsSecondaryIndex && !keptForLoad.Contains(i))
            .Select(i => new AddClause(i.Name ?? "", i.Clause)).ToList();
        var foreignKeys = definition.Items.Where(i => i.Kind == TableItemKind.ForeignKey)
            .Select(i => new AddClause(i.Name ?? "", i.Clause)).ToList();
        return new TableDdl(table.Name, create, indexes, foreignKeys, notes);
    }

    /// <summary>
    /// Columns, primary key, checks and other items stay in CREATE; secondary indexes and foreign keys wait for the
    /// data. Exception: InnoDB refuses an AUTO_INCREMENT column that does not lead some index ("there can be only one
    /// auto column and it must be defined as a key", error 1075), so when the primary key does not start with it the
    /// indexes up to the first one that does stay too. Keeping a prefix of the server-ordered index list and adding
    /// the rest later keeps SHOW CREATE TABLE's index order equal to the source's.
    /// </summary>
    internal static HashSet<TableItem> KeptForLoad(IReadOnlyList<TableItem> items)
    {
        var kept = items.Where(i => i.Kind is not (TableItemKind.ForeignKey or TableItemKind.UniqueKey
            or TableItemKind.Key or TableItemKind.FulltextKey or TableItemKind.SpatialKey)).ToHashSet();
        var autoColumn = items.FirstOrDefault(i => i.Kind == TableItemKind.Column && HasAutoIncrement(i));
        if (autoColumn is null)
        {
            return kept;
        }

        var keys = items.Where(i => i.Kind == TableItemKind.PrimaryKey || i.IsSecondaryIndex).ToList();
        var supporting = keys.FindIndex(k => k.FirstKeyColumn == autoColumn.Name);
        if (supporting < 0 || keys[supporting].Kind == TableItemKind.PrimaryKey)
        {
            return kept;
        }

        kept.UnionWith(keys.Take(supporting + 1));
        return kept;
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

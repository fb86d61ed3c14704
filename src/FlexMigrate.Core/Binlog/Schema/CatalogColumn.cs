namespace FlexMigrate.Core.Binlog.Schema;

/// <summary>One column as information_schema.COLUMNS describes it (the current schema, not the event's).</summary>
internal sealed record CatalogColumn(string Name, string DataType, bool IsUnsigned, int CollationId);

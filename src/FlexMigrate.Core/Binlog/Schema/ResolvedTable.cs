using FlexMigrate.Core.Binlog.Events;
using FlexMigrate.Core.Binlog.Values;

namespace FlexMigrate.Core.Binlog.Schema;

/// <summary>A TABLE_MAP joined with column names/signedness/collations: everything needed to decode its rows.</summary>
internal sealed class ResolvedTable(TableMapEvent map, BinlogColumn[] columns, ColumnSpec[] specs)
{
    public TableMapEvent Map { get; } = map;

    public BinlogColumn[] Columns { get; } = columns;

    public ColumnSpec[] Specs { get; } = specs;

    /// <summary>Error context per operation, built once: rows events are the hot path.</summary>
    public string[] RowsEventNames { get; } =
        [$"WRITE rows event for {map.QualifiedName}", $"UPDATE rows event for {map.QualifiedName}", $"DELETE rows event for {map.QualifiedName}"];

    /// <summary>Rows of this table are not wanted (database filter): their events are skipped undecoded.</summary>
    public bool Skip { get; init; }
}

using System.Globalization;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary><see cref="ISourceData"/> over an open source connection: at most one full scan per table.</summary>
internal sealed class SourceDataReader(MySqlConnection connection) : ISourceData
{
    private readonly Dictionary<string, TableScan> _scans = new(StringComparer.Ordinal);

    public async Task<TableScan> ScanAsync(TableFacts table, CancellationToken cancellationToken)
    {
        if (_scans.TryGetValue(table.FullName, out var cached))
        {
            return cached;
        }

        var dates = table.Columns.Where(ColumnKinds.IsDate).ToList();
        var lobs = table.Columns.Where(ColumnKinds.IsLob).ToList();
        var scan = new TableScan(new Dictionary<string, BadDateCounts>(), 0);
        if (dates.Count + lobs.Count > 0)
        {
            scan = await ReadAsync(table, dates, lobs, cancellationToken);
        }

        _scans[table.FullName] = scan;
        return scan;
    }

    private async Task<TableScan> ReadAsync(
        TableFacts table, List<ColumnFacts> dates, List<ColumnFacts> lobs, CancellationToken cancellationToken)
    {
        var expressions = dates.SelectMany(DateExpressions).ToList();
        expressions.Add(lobs.Count == 0
            ? "0"
            : $"COALESCE(MAX({string.Join(" + ", lobs.Select(c => $"COALESCE(LENGTH({SqlText.Identifier(c.Name)}), 0)"))}), 0)");
        var sql = $"SELECT {string.Join(", ", expressions)} FROM {SqlText.Qualified(table.Database, table.Name)}";
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var counts = new Dictionary<string, BadDateCounts>(StringComparer.Ordinal);
        for (var i = 0; i < dates.Count; i++)
        {
            counts[dates[i].Name] = new BadDateCounts(Long(reader, 3 * i), Long(reader, (3 * i) + 1), Long(reader, (3 * i) + 2));
        }

        return new TableScan(counts, Long(reader, 3 * dates.Count));
    }

    /// <summary>
    /// `c + INTERVAL 0 DAY` is NULL for every value that is not a real calendar date (zero, zero part, Feb 30); the
    /// CAST / MONTH / DAYOFMONTH tests then say which kind.
    /// </summary>
    private static string[] DateExpressions(ColumnFacts column)
    {
        var q = SqlText.Identifier(column.Name);
        var bad = $"({q} IS NOT NULL AND {q} + INTERVAL 0 DAY IS NULL)";
        var zero = $"CAST({q} AS CHAR) LIKE '0000-00-00%'";
        var zeroPart = $"(MONTH({q}) = 0 OR DAYOFMONTH({q}) = 0)";
        return
        [
            $"COALESCE(SUM({bad} AND {zero}), 0)",
            $"COALESCE(SUM({bad} AND NOT {zero} AND {zeroPart}), 0)",
            $"COALESCE(SUM({bad} AND NOT {zeroPart}), 0)",
        ];
    }

    private static long Long(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? 0 : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

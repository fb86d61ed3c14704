using System.Globalization;
using MySqlConnector;

namespace FlexMigrate.Core.Precheck;

/// <summary><see cref="ISourceData"/> over an open source connection: one full scan per table asked about.</summary>
internal sealed class SourceDataReader(MySqlConnection connection) : ISourceData
{
    public async Task<IReadOnlyDictionary<string, BadDateCounts>> CountBadDatesAsync(
        TableFacts table, IReadOnlyList<ColumnFacts> columns, CancellationToken cancellationToken)
    {
        // `c + INTERVAL 0 DAY` is NULL for every value that is not a real calendar date (zero, zero part, Feb 30);
        // the CAST/MONTH/DAYOFMONTH tests then say which kind. One pass over the table for all its date columns.
        var sums = columns.SelectMany(c =>
        {
            var q = Sql.Quote(c.Name);
            var bad = $"({q} IS NOT NULL AND {q} + INTERVAL 0 DAY IS NULL)";
            var zero = $"CAST({q} AS CHAR) LIKE '0000-00-00%'";
            var zeroPart = $"(MONTH({q}) = 0 OR DAYOFMONTH({q}) = 0)";
            return new[]
            {
                $"COALESCE(SUM({bad} AND {zero}), 0)",
                $"COALESCE(SUM({bad} AND NOT {zero} AND {zeroPart}), 0)",
                $"COALESCE(SUM({bad} AND NOT {zeroPart}), 0)",
            };
        });
        var sql = $"SELECT {string.Join(", ", sums)} FROM {Sql.Quote(table.Database)}.{Sql.Quote(table.Name)}";
        var result = new Dictionary<string, BadDateCounts>(StringComparer.Ordinal);
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                result[columns[i].Name] = new BadDateCounts(Long(reader, 3 * i), Long(reader, (3 * i) + 1), Long(reader, (3 * i) + 2));
            }
        }

        return result;
    }

    public async Task<long> MaxBytesAsync(TableFacts table, IReadOnlyList<ColumnFacts> columns, CancellationToken cancellationToken)
    {
        var sum = string.Join(" + ", columns.Select(c => $"COALESCE(LENGTH({Sql.Quote(c.Name)}), 0)"));
        var sql = $"SELECT COALESCE(MAX({sum}), 0) FROM {Sql.Quote(table.Database)}.{Sql.Quote(table.Name)}";
        await using var command = new MySqlCommand(sql, connection) { CommandTimeout = 0 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static long Long(MySqlDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}

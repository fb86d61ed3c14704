namespace FlexMigrate.Core.Sql;

/// <summary>A source sql_mode as one target takes it.</summary>
/// <param name="Mode">The flags the target accepts, in the source's order.</param>
/// <param name="Dropped">Flags the target refused (see <see cref="SqlModeFlags.Dropped"/> for what each changes).</param>
public sealed record SqlModeFit(string Mode, IReadOnlyList<string> Dropped);

/// <summary>
/// Fits source sql_mode values to one target server: the whole value first, then flag by flag when the target refuses
/// it (MySQL 8.0 has no NO_AUTO_CREATE_USER, MySQL no MariaDB-only flags). Asking the target itself, rather than a
/// version table, keeps the answer right for every server and version. Results are cached per value.
/// </summary>
/// <param name="accepts">Whether the target takes a sql_mode value (e.g. SET SESSION sql_mode succeeds).</param>
public sealed class SqlModeFitter(Func<string, CancellationToken, Task<bool>> accepts)
{
    private readonly Dictionary<string, SqlModeFit> _fits = new(StringComparer.Ordinal);

    /// <summary>The part of <paramref name="sqlMode"/> the target accepts.</summary>
    public async Task<SqlModeFit> FitAsync(string sqlMode, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sqlMode);
        if (_fits.TryGetValue(sqlMode, out var known))
        {
            return known;
        }

        var fit = new SqlModeFit(sqlMode, []);
        if (!await accepts(sqlMode, ct))
        {
            var kept = new List<string>();
            var dropped = new List<string>();
            foreach (var flag in SqlModeFlags.Split(sqlMode))
            {
                (await accepts(flag, ct) ? kept : dropped).Add(flag);
            }

            fit = new SqlModeFit(string.Join(",", kept), dropped);
        }

        _fits[sqlMode] = fit;
        return fit;
    }
}

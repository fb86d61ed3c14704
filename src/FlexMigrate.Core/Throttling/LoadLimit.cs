using System.Globalization;

namespace FlexMigrate.Core.Throttling;

/// <summary>
/// A limit on one global status counter of a server, gh-ost style (`Threads_running=25`): the migration throttles
/// while the counter's value is above <see cref="Limit"/>. Any counter SHOW GLOBAL STATUS reports can be named.
/// </summary>
/// <param name="Variable">The status variable (case-insensitive, as SHOW GLOBAL STATUS names it).</param>
/// <param name="Limit">The highest value that does not throttle.</param>
public sealed record LoadLimit(string Variable, long Limit)
{
    /// <summary>`Name=value` as the command line and the control command take it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Variable}={Limit}");

    /// <summary>
    /// Parses `Threads_running=25` or a comma-separated list `Threads_running=25,Threads_connected=500`; an empty
    /// text means no limit (an empty list).
    /// </summary>
    /// <exception cref="FormatException">A part is not `StatusVariable=non-negative integer`; the message says which.</exception>
    public static IReadOnlyList<LoadLimit> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var limits = new List<LoadLimit>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Split('=', StringSplitOptions.TrimEntries) is not [{ Length: > 0 } name, var value]
                || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
                || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
            {
                throw new FormatException($"'{part}' is not a load limit: write StatusVariable=number, e.g. Threads_running=25 (any counter SHOW GLOBAL STATUS lists).");
            }

            limits.Add(new LoadLimit(name, limit));
        }

        return limits;
    }

    /// <summary>The list as `a=1,b=2` (the inverse of <see cref="ParseList"/>).</summary>
    public static string Format(IReadOnlyList<LoadLimit>? limits) => limits is null ? "" : string.Join(",", limits);
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Precheck;

/// <summary>
/// A server version as MySQL-compatible servers report it: "8.0.36", "5.7.44-log", Azure Single Server's
/// "5.6.47.0", MariaDB's "10.11.6-MariaDB-log" and the handshake form "5.5.5-10.11.6-MariaDB" (MariaDB before 11
/// prefixes 5.5.5- so old MySQL clients accept it).
/// </summary>
public sealed partial record ServerVersion(int Major, int Minor, int Patch, bool IsMariaDb, string Text)
{
    /// <summary>"8.0", "10.11": the release series (compatibility is decided per series).</summary>
    public string Series => $"{Major}.{Minor}";

    public string Flavor => IsMariaDb ? "MariaDB" : "MySQL";

    /// <exception cref="FormatException">The text does not start with a dotted version number.</exception>
    public static ServerVersion Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var isMariaDb = text.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        var rest = isMariaDb && text.StartsWith("5.5.5-", StringComparison.Ordinal) ? text[6..] : text;
        var m = VersionPattern().Match(rest);
        if (!m.Success)
        {
            throw new FormatException($"'{text}' is not a MySQL or MariaDB version string (expected e.g. '8.0.36' or '10.11.6-MariaDB').");
        }

        return new ServerVersion(
            int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0,
            isMariaDb,
            text);
    }

    public static bool TryParse(string? text, out ServerVersion? version)
    {
        try
        {
            version = text is null ? null : Parse(text);
        }
        catch (FormatException)
        {
            version = null;
        }

        return version is not null;
    }

    /// <summary>At least <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/> (same flavor assumed).</summary>
    public bool AtLeast(int major, int minor, int patch = 0) => CompareTo(new ServerVersion(major, minor, patch, IsMariaDb, "")) >= 0;

    /// <summary>Orders by number only; comparing MySQL with MariaDB numbers is meaningless and callers check <see cref="IsMariaDb"/>.</summary>
    public int CompareTo(ServerVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Flavor} {Major}.{Minor}.{Patch}";

    [GeneratedRegex(@"^\s*(\d+)\.(\d+)(?:\.(\d+))?")]
    private static partial Regex VersionPattern();
}

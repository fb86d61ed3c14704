using System.Globalization;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Precheck;

/// <summary>Formatting shared by findings: sizes, durations, accounts and names as users type them.</summary>
internal static class PrecheckText
{
    public static string Bytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }

    public static string Duration(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalDays:0.#} d")
            : t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalHours:0.#} h")
            : t.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalMinutes:0.#} min")
            : string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.#} s");
    }

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"app@%" (CURRENT_USER(), DEFINER columns) -> `app`@`%`; the host is after the last '@'.</summary>
    public static string Account(string userAtHost)
    {
        var at = userAtHost.LastIndexOf('@');
        return at < 0 ? SqlText.Identifier(userAtHost) : $"{SqlText.Identifier(userAtHost[..at])}@{SqlText.Identifier(userAtHost[(at + 1)..])}";
    }
}

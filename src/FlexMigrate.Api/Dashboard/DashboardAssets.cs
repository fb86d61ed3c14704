using System.Collections.Frozen;

namespace FlexMigrate.Api.Dashboard;

/// <summary>One file of the dashboard page.</summary>
/// <param name="Name">Its path below the page's folder ("index.html", "vendor/uPlot.iife.min.js").</param>
/// <param name="ContentType">The Content-Type to send.</param>
/// <param name="Content">The bytes.</param>
public sealed record DashboardAsset(string Name, string ContentType, ReadOnlyMemory<byte> Content);

/// <summary>
/// The dashboard page: static files embedded in this assembly (no build toolchain; the chart library is vendored by
/// scripts/vendor-dashboard.sh). Both hosts serve it below `/api/dashboard/`, next to the API it polls, so the page
/// finds the API relative to its own address. Only files in the embedded set are ever served: a request path is a
/// lookup key, never a file-system path.
/// </summary>
public static class DashboardAssets
{
    /// <summary>The route prefix of the page in both hosts, below the API base.</summary>
    public const string RoutePrefix = "dashboard";

    private static readonly FrozenDictionary<string, DashboardAsset> Assets = Load();

    public static IEnumerable<string> Names => Assets.Keys;

    /// <summary>The file for a request path below the prefix ("" means the page itself).</summary>
    public static DashboardAsset? Find(string? path)
    {
        var key = string.IsNullOrEmpty(path) ? "index.html" : path.TrimStart('/');
        return Assets.GetValueOrDefault(key);
    }

    /// <summary>
    /// Headers for every dashboard response. The Content-Security-Policy allows only this origin's scripts, styles
    /// and requests (no inline script, no third-party host), so a table name rendered on the page can never run as
    /// code, and the page cannot be framed; no-referrer keeps a key in the address from leaking in a Referer.
    /// </summary>
    public static IReadOnlyDictionary<string, string> SecurityHeaders { get; } = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        ["Cache-Control"] = "no-cache",
    };

    private static FrozenDictionary<string, DashboardAsset> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        const string Prefix = RoutePrefix + "/";
        var assets = new Dictionary<string, DashboardAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..].Replace('\\', '/');
            assets[name] = new DashboardAsset(name, ContentType(name), copy.ToArray());
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        _ => "text/plain; charset=utf-8",
    };
}

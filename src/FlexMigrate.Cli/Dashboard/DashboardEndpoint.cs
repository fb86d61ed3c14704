using System.Globalization;
using System.Net;
using FlexMigrate.Cli.Commands;

namespace FlexMigrate.Cli.Dashboard;

/// <summary>
/// Where `--dashboard [host:]port` listens. The host defaults to 127.0.0.1: the dashboard is for the person at this
/// machine (or an SSH tunnel). `0.0.0.0` / `*` / an address of this machine opens it to the network; then every
/// request needs the token, reads included. Port 0 takes any free port (the printed address has the real one).
/// </summary>
/// <param name="Address">The address to bind.</param>
/// <param name="Port">The port (0: any free one).</param>
internal sealed record DashboardEndpoint(IPAddress Address, int Port)
{
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    public static DashboardEndpoint Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var separator = value.LastIndexOf(':');
        var host = separator < 0 ? "127.0.0.1" : value[..separator];
        var portText = separator < 0 ? value : value[(separator + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new UsageException($"--dashboard {value}: give [host:]port, e.g. --dashboard 8080 or --dashboard 127.0.0.1:8080.");
        }

        var address = host.Trim('[', ']') switch
        {
            "" or "localhost" => IPAddress.Loopback,
            "*" => IPAddress.Any,
            var h when IPAddress.TryParse(h, out var parsed) => parsed,
            _ => throw new UsageException($"--dashboard {value}: '{host}' is not an IP address; use 127.0.0.1 (default), 0.0.0.0 for every interface, or an address of this machine."),
        };
        return new DashboardEndpoint(address, port);
    }
}

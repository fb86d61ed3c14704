using System.Net;
using System.Net.Sockets;

namespace FlexMigrate.Cli.Hosting;

/// <summary>
/// A free loopback port for the embedded durable engine's gRPC sidecar, which would otherwise pick a random port in
/// 30000-40000 without checking it is free (parallel test hosts collided on one).
/// </summary>
internal static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

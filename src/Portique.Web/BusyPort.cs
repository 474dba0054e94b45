using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Localization;

namespace Portique.Web;

/// <summary>
/// A port already taken is the first thing a newcomer meets (another portal, another app on 5080): it gets one line naming
/// the port and how to choose another, not Kestrel's stack trace. The addresses are probed before the quick start writes
/// anything; the bind failure itself is still recognised, since another program may take the port in between.
/// </summary>
internal static class BusyPort
{
    /// <summary>The first of these URLs ("http://localhost:5080;http://*:8080") whose port is taken, or null.</summary>
    public static Uri? FirstTaken(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel's wildcards are not host names Uri accepts.
            if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal),
                    UriKind.Absolute, out var uri))
                continue;
            if (AddressesOf(uri).Any(a => IsTaken(a, uri.Port)))
                return uri;
        }
        return null;
    }

    /// <summary>Whether Kestrel failed to start because an address was in use.</summary>
    public static bool IsAddressInUse(Exception e) =>
        e is IOException { InnerException: AddressInUseException } or AddressInUseException;

    /// <summary>The one line: which port, and how to start on another (a free one is suggested).</summary>
    public static string Message(IStringLocalizer localizer, Uri url)
    {
        var other = FreePortNear(url.Port);
        return string.Format(CultureInfo.CurrentCulture,
            localizer["Le port {0} est déjà utilisé ({1}) : arrêtez le programme qui l'occupe ou choisissez un autre port, par exemple --urls http://localhost:{2}"],
            url.Port, url.GetLeftPart(UriPartial.Authority), other);
    }

    private static IEnumerable<IPAddress> AddressesOf(Uri uri)
    {
        if (uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _))
        {
            // "localhost": Kestrel listens on both loopbacks, and either one taken stops it.
            yield return IPAddress.Loopback;
            if (Socket.OSSupportsIPv6)
                yield return IPAddress.IPv6Loopback;
        }
        else if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            yield return address;
        else
            // A host name: Kestrel binds every address.
            yield return IPAddress.Any;
    }

    private static bool IsTaken(IPAddress address, int port)
    {
        try
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(address, port));
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Address not available here (no IPv6 loopback, for one): Kestrel skips it as well.
            return false;
        }
    }

    private static int FreePortNear(int port)
    {
        for (var candidate = port + 1; candidate < Math.Min(port + 20, 65536); candidate++)
        {
            if (!IsTaken(IPAddress.Loopback, candidate) && !(Socket.OSSupportsIPv6 && IsTaken(IPAddress.IPv6Loopback, candidate)))
                return candidate;
        }
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

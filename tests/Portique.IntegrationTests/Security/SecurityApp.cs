using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portique.IntegrationTests.Infrastructure;

namespace Portique.IntegrationTests.Security;

/// <summary>
/// The portal behind a simulated network: the header X-Test-Peer sets the address the request comes from (the test server
/// has none), before anything of the portal runs, and 192.0.2.1 is the configured reverse proxy. Addresses are from the
/// documentation ranges (RFC 5737): nothing is sent anywhere.
/// </summary>
public class SecurityApp : PortiqueApp
{
    public const string Proxy = "192.0.2.1";
    public const string PeerHeader = "X-Test-Peer";

    public SecurityApp()
    {
    }

    protected SecurityApp(string connection, bool ownsDatabase)
        : base(connection, ownsDatabase)
    {
    }

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<IStartupFilter>(new PeerFilter());
            s.AddSingleton<ILoggerProvider>(Logs);
        });
        builder.ConfigureLogging(l => l.AddFilter<CapturedLogs>(null, LogLevel.Information));
    }

    /// <summary>A client whose requests come from <paramref name="address"/>; cookies kept, redirects not followed.</summary>
    public HttpClient From(string address, string? baseAddress = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = new Uri(baseAddress ?? "http://localhost"),
        });
        client.DefaultRequestHeaders.Add(PeerHeader, address);
        return client;
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, following) =>
            {
                if (http.Request.Headers.TryGetValue(PeerHeader, out var peer))
                    http.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                return following(http);
            });
            next(app);
        };
    }
}

/// <summary>What the hosts log, kept for tests that assert on warnings.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

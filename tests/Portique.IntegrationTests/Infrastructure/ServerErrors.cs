using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Portique.IntegrationTests.Infrastructure;

/// <summary>
/// The errors the test hosts logged (unhandled exceptions included), kept for the test that meets a 500: an assertion
/// on a status shows the server's side of it, so a failure seen once in CI can be understood from its output alone.
/// </summary>
public sealed class ServerErrors : ILoggerProvider
{
    private const int Kept = 50;
    private static readonly ConcurrentQueue<(DateTimeOffset At, string Category, string Message)> Entries = new();

    /// <summary>The last errors logged by any test host of this process, newest last.</summary>
    public static string Recent() =>
        Entries.IsEmpty ? "(no error logged by the server)" : string.Join("\n", Entries.Select(e => $"{e.At:HH:mm:ss.fff} {e.Category}: {e.Message}"));

    /// <summary>Asserts the status; when it differs, the message carries the answer's body and the server's recent errors.</summary>
    public static async Task AssertStatusAsync(System.Net.HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
            Xunit.Assert.Fail($"Expected {(int)expected} {expected}, got {(int)response.StatusCode} {response.StatusCode} for {response.RequestMessage?.Method} "
                + $"{response.RequestMessage?.RequestUri?.PathAndQuery}\nBody: {await response.Content.ReadAsStringAsync()}\nServer errors:\n{Recent()}");
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            Entries.Enqueue((DateTimeOffset.UtcNow, category, exception is null ? formatter(state, null) : $"{formatter(state, exception)}\n{exception}"));
            while (Entries.Count > Kept)
                Entries.TryDequeue(out _);
        }
    }
}

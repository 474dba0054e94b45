using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portique.Common.Security;

/// <summary>
/// Failed authentications tolerated per client address, and per (caller, target) pair — an address on a client_id or an
/// e-mail, an API client on a technical account — within the window. Read from the section "Connections", where they
/// have always been set.
/// </summary>
public sealed class FailureLimits
{
    public int FailuresPerAddress { get; set; } = 30;
    public int FailuresPerLogin { get; set; } = 5;
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Counts failed authentications (user login, token endpoint, /cpro) per client address and per (caller, target) pair, with
/// the runtime's fixed-window rate limiter. Only failures spend permits, so a busy but correct client is never slowed down.
/// The pair is what keeps lockout from being a weapon: failures of one caller — an address at the token endpoint or the
/// login, an API client on /cpro — against one target (a client_id, an e-mail, a technical account) hold up that caller on
/// that target only, while the legitimate owner, calling from elsewhere, goes on working. Once a key has spent its
/// permits, every attempt under it is refused until the window ends — even with good credentials.
/// </summary>
public sealed class FailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byPair;

    public FailureLimiter(IOptions<FailureLimits> options)
    {
        var s = options.Value;
        _byAddress = Create(s.FailuresPerAddress, s.FailureWindow);
        _byPair = Create(s.FailuresPerLogin, s.FailureWindow);
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));

    /// <summary>The key of one caller acting on one target; targets are compared without case (logins, e-mails).</summary>
    public static string Pair(string caller, string target) => caller + "\u001f" + target.Trim().ToUpperInvariant();

    public bool IsBlocked(string address, string? pair) =>
        _byAddress.GetStatistics(address)?.CurrentAvailablePermits == 0
        || (pair is not null && _byPair.GetStatistics(pair)?.CurrentAvailablePermits == 0);

    public void RecordFailure(string address, string? pair)
    {
        // Fixed-window permits are not given back when the lease is disposed: the failure stays counted until the window ends.
        using (_byAddress.AttemptAcquire(address))
        {
        }
        if (pair is not null)
        {
            using (_byPair.AttemptAcquire(pair))
            {
            }
        }
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byPair.Dispose();
    }
}

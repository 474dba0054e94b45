using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portique.Connections;

/// <summary>
/// Counts failed authentications (token endpoint and /cpro) per client address and per login or client_id, with the
/// runtime's fixed-window rate limiter. Only failures spend permits, so a busy but correct client is never slowed down;
/// once a key has spent its permits, every attempt under it is refused until the window ends — even with good credentials.
/// </summary>
public sealed class FailureLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _byLogin;

    public FailureLimiter(IOptions<ConnectionSettings> options)
    {
        var s = options.Value;
        _byAddress = Create(s.FailuresPerAddress, s.FailureWindow);
        _byLogin = Create(s.FailuresPerLogin, s.FailureWindow);
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));

    public bool IsBlocked(string address, string? login) =>
        _byAddress.GetStatistics(address)?.CurrentAvailablePermits == 0
        || (login is not null && _byLogin.GetStatistics(login.ToUpperInvariant())?.CurrentAvailablePermits == 0);

    public void RecordFailure(string address, string? login)
    {
        // Fixed-window permits are not given back when the lease is disposed: the failure stays counted until the window ends.
        using (_byAddress.AttemptAcquire(address))
        {
        }
        if (login is not null)
        {
            using (_byLogin.AttemptAcquire(login.ToUpperInvariant()))
            {
            }
        }
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _byLogin.Dispose();
    }
}

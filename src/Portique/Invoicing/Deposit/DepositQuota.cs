using System.Threading.RateLimiting;
using Microsoft.Extensions.Configuration;
using Portique.Common;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// How many flows one structure may deposit per minute on this node, whatever the path (API, /cpro, pages, entry, PDF):
/// a token bucket per structure ("Invoicing:DepositsPerMinute", 3,000 by default, 0 to turn it off), so one structure
/// cannot fill the queue and the disk for everyone. Held in memory, per node: with N nodes a structure gets N times the
/// figure, which is enough to stop a runaway client without a database round trip on the deposit path.
/// </summary>
public sealed class DepositQuota : IDisposable
{
    private readonly PartitionedRateLimiter<long>? _limiter;
    private readonly int _perMinute;

    public DepositQuota(IConfiguration config)
    {
        _perMinute = config.GetValue("Invoicing:DepositsPerMinute", 3000);
        if (_perMinute > 0)
            _limiter = PartitionedRateLimiter.Create<long, long>(structureId => RateLimitPartition.GetTokenBucketLimiter(structureId, _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = _perMinute,
                    TokensPerPeriod = Math.Max(1, _perMinute / 60),
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
    }

    public void Take(long structureId)
    {
        if (_limiter is null)
            return;
        using var lease = _limiter.AttemptAcquire(structureId);
        if (!lease.IsAcquired)
            throw new PortiqueException("DEPOSIT_QUOTA_EXCEEDED",
                $"Cette structure a atteint son quota de dépôts ({_perMinute} par minute) : réessayez dans quelques secondes.", 429);
    }

    public void Dispose() => _limiter?.Dispose();
}

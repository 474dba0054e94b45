using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portique.Common.Data;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// Drains the deposit queue. Several nodes may run it: a job is leased in a short transaction (FOR UPDATE SKIP LOCKED on
/// PostgreSQL, the write lock on SQLite), then integrated in a second transaction that deletes the job only if the lease is
/// still this worker's. A worker killed mid-flow leaves its lease to expire; the flow is then taken over and integrated
/// from scratch (the dead worker's transaction left nothing behind). A flow that keeps failing is closed as rejected.
/// </summary>
public sealed class DepositWorker(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config, ILogger<DepositWorker> log) : BackgroundService
{
    /// <summary>How long a claimed flow stays with its worker before another may take it over ("Invoicing:LeaseSeconds", 120 by default).</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(config.GetValue("Invoicing:LeaseSeconds", 120));
    public static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    public const int MaxAttempts = 5;

    /// <summary>Flows integrated at once by this node ("Invoicing:WorkerLoops", 1 by default); the loops share the queue as nodes do.</summary>
    public int Loops { get; } = Math.Clamp(config.GetValue("Invoicing:WorkerLoops", 1), 1, 16);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Loops).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            bool worked;
            try
            {
                worked = await ProcessOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Deposit queue poll failed; retrying later");
                worked = false;
            }
            if (!worked)
                await Task.Delay(Idle, TimeProvider.System, stoppingToken);
        }
    }

    /// <summary>Integrates one due flow; false when none is due. Public so tests and the CLI can drain synchronously.</summary>
    public async Task<bool> ProcessOnceAsync(CancellationToken ct)
    {
        var claim = await ClaimAsync(ct);
        if (claim is not { } job)
            return false;
        try
        {
            await IntegrateAsync(job.JobId, job.FlowId, job.Token, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Integration of flow {FlowId} failed (attempt {Attempt})", job.FlowId, job.Attempt);
            await RecordFailureAsync(job.JobId, job.FlowId, job.Token, job.Attempt, e.Message, ct);
        }
        return true;
    }

    private async Task<(long JobId, long FlowId, Guid Token, int Attempt)?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Raw SQL on both providers: the row lock is PostgreSQL-only; SQLite compares the ISO text EF stores (always UTC here).
        var job = db.IsPostgres
            ? (await db.Set<DepositJob>().FromSql($"""
                SELECT * FROM deposit_jobs WHERE "LeaseUntil" IS NULL OR "LeaseUntil" <= {now}
                ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)).FirstOrDefault()
            : (await db.Set<DepositJob>().FromSql($"""
                SELECT * FROM deposit_jobs WHERE "LeaseUntil" IS NULL OR "LeaseUntil" <= {now}
                ORDER BY "Id" LIMIT 1
                """).ToListAsync(ct)).FirstOrDefault();
        if (job is null)
            return null;
        var token = job.Lease(now + Lease);
        var flow = await db.Set<Flow>().FirstAsync(f => f.Id == job.FlowId, ct);
        flow.StartProcessing(now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (job.Id, job.FlowId, token, job.Attempts);
    }

    private async Task IntegrateAsync(long jobId, long flowId, Guid token, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Deleting the job first takes its row lock: a second worker that took over an expired lease blocks here, then finds nothing.
        if (await db.Set<DepositJob>().Where(j => j.Id == jobId && j.LeaseToken == token).ExecuteDeleteAsync(ct) == 0)
            return;
        var flow = await db.Set<Flow>().FirstAsync(f => f.Id == flowId, ct);
        if (!flow.IsFinished)
            await scope.ServiceProvider.GetRequiredService<FlowProcessor>().ProcessAsync(flow, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Retries soon (a lost race on the unique number index resolves on the next attempt); gives up after a few.</summary>
    private async Task RecordFailureAsync(long jobId, long flowId, Guid token, int attempt, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var job = await db.Set<DepositJob>().FirstOrDefaultAsync(j => j.Id == jobId && j.LeaseToken == token, ct);
        if (job is null)
            return;
        var now = clock.GetUtcNow();
        if (attempt >= MaxAttempts)
        {
            var flow = await db.Set<Flow>().FirstAsync(f => f.Id == flowId, ct);
            flow.Finish(0, [FlowFinding.Of(flow.FileName, null, "FLOW_TECHNICAL_ERROR", true, $"Le flux n'a pu être intégré : {error}")], 1, now);
            db.Remove(job);
        }
        else
        {
            job.Fail(error, now + TimeSpan.FromSeconds(Math.Pow(2, attempt)));
        }
        await db.SaveChangesAsync(ct);
    }
}

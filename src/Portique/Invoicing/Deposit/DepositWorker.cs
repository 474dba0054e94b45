using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portique.Common.Data;

namespace Portique.Invoicing.Deposit;

/// <summary>
/// Drains the deposit queue in batches (docs/decisions/0014). Several nodes may run it: a batch of due jobs is leased under
/// one token in a short transaction (FOR UPDATE SKIP LOCKED on PostgreSQL, the write lock on SQLite), then integrated in a
/// second transaction that deletes the jobs only if they still all bear this token. A worker killed mid-batch leaves its
/// lease to expire; the flows are then taken over and integrated from scratch (the dead worker's transaction left nothing
/// behind). A batch that fails, or that holds a flow already tried, is integrated one flow at a time, so that one bad flow
/// never holds the others back; a flow that keeps failing is closed as rejected, and so is one whose node died under it
/// <see cref="MaxAttempts"/> times: that is checked when it is claimed, so a flow that kills its node cannot do it forever.
/// </summary>
public sealed class DepositWorker(IServiceScopeFactory scopes, DepositSignal signal, TimeProvider clock, IConfiguration config, ILogger<DepositWorker> log)
    : BackgroundService
{
    /// <summary>How long a claimed batch stays with its worker before another may take it over ("Invoicing:LeaseSeconds", 120 by default).</summary>
    public TimeSpan Lease { get; } = TimeSpan.FromSeconds(config.GetValue("Invoicing:LeaseSeconds", 120));
    /// <summary>Poll interval when nothing was signalled: deposits made on other nodes, expired leases, retries.</summary>
    public static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(500);
    public const int MaxAttempts = 5;

    /// <summary>Flows claimed at once ("Invoicing:BatchSize", 200 by default): their lookups and writes are shared.</summary>
    public int BatchSize { get; } = Math.Clamp(config.GetValue("Invoicing:BatchSize", 200), 1, 1000);

    /// <summary>
    /// Decompressed documents one batch may hold in memory at once ("Invoicing:BatchExpandedBytes", 256 MB by default): the flows
    /// past it wait for the next batch. A flow alone may still expand to <see cref="Flow.MaxBytes"/>.
    /// </summary>
    public long BatchExpandedBytes { get; } = Math.Max(1, config.GetValue("Invoicing:BatchExpandedBytes", 256L * 1024 * 1024));

    /// <summary>
    /// Batches in progress at once on this node ("Invoicing:WorkerLoops", 2 by default): while one loop validates (on every
    /// core), the other waits for the database. The loops share the queue as nodes do.
    /// </summary>
    public int Loops { get; } = Math.Clamp(config.GetValue("Invoicing:WorkerLoops", 2), 1, 16);

    /// <summary>
    /// Written on a job just before it is integrated alone: a node that dies on it leaves this behind, so the next claim takes it
    /// last (its neighbours first) and, once its attempts are spent, closes the flow with this reason.
    /// </summary>
    public const string Interrupted = "Intégration interrompue : le nœud qui traitait ce flux s'est arrêté avant la fin.";

    private sealed record Job(long Id, long FlowId, int Attempts, bool Suspect);

    private sealed record Batch(Guid Token, IReadOnlyList<Job> Jobs);

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
                await signal.WaitAsync(Idle, stoppingToken);
        }
    }

    /// <summary>Integrates one batch of due flows; false when none is due. Public so tests and the CLI can drain synchronously.</summary>
    public async Task<bool> ProcessOnceAsync(CancellationToken ct)
    {
        if (await ClaimAsync(ct) is not { } batch)
            return false;
        if (batch.Jobs.Count == 0)
            return true;
        if (batch.Jobs.Count == 1)
        {
            await IntegrateOrRecordAsync(batch.Token, batch.Jobs[0], ct);
            return true;
        }
        // A flow tried before may be what made the last attempt fail or crash: alone, it can only hold itself back.
        if (batch.Jobs.All(j => j.Attempts == 1))
        {
            try
            {
                await IntegrateAsync(batch.Token, batch.Jobs, ct);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Integration of a batch of {Count} flows failed; integrating them one by one", batch.Jobs.Count);
            }
        }
        // Those that failed or were interrupted before go last: a poisoned flow holds back no neighbour.
        foreach (var job in batch.Jobs.OrderBy(j => j.Suspect))
            await IntegrateAloneAsync(batch, job, ct);
        return true;
    }

    private async Task<Batch?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Raw SQL on both providers: the row lock is PostgreSQL-only; SQLite compares the ISO text EF stores (always UTC here).
        var jobs = db.IsPostgres
            ? await db.Set<DepositJob>().FromSql($"""
                SELECT * FROM deposit_jobs WHERE "LeaseUntil" IS NULL OR "LeaseUntil" <= {now}
                ORDER BY "Id" LIMIT {BatchSize} FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct)
            : await db.Set<DepositJob>().FromSql($"""
                SELECT * FROM deposit_jobs WHERE "LeaseUntil" IS NULL OR "LeaseUntil" <= {now}
                ORDER BY "Id" LIMIT {BatchSize}
                """).ToListAsync(ct);
        if (jobs.Count == 0)
            return null;
        // A job claimed MaxAttempts times without an end killed or stalled its node each time (a failure that could be caught is
        // recorded and closes it in RecordFailureAsync): it is closed here, before it can take down the node that claims it now.
        var exhausted = jobs.Where(j => j.Attempts >= MaxAttempts).ToList();
        if (exhausted.Count > 0)
        {
            await CloseExhaustedAsync(db, exhausted, now, ct);
            jobs = [.. jobs.Except(exhausted)];
            if (jobs.Count == 0)
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new Batch(Guid.NewGuid(), []);
            }
        }
        var token = Guid.NewGuid();
        foreach (var job in jobs)
            job.Lease(now + Lease, token);
        await db.SaveChangesAsync(ct);
        // The flows leave IN_RECU (one statement, without loading their content); a flow taken over is already in progress.
        var flowIds = jobs.Select(j => j.FlowId).ToList();
        await db.Set<Flow>().Where(f => flowIds.Contains(f.Id) && f.State == FlowState.IN_RECU)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.State, FlowState.IN_EN_COURS_TRAITEMENT_CPP).SetProperty(f => f.StateChangedAt, now), ct);
        await tx.CommitAsync(ct);
        return new Batch(token, [.. jobs.Select(j => new Job(j.Id, j.FlowId, j.Attempts, j.LastError is not null))]);
    }

    /// <summary>Rejects the flows of spent jobs with the reason operators see in their report, and drops the jobs.</summary>
    private async Task CloseExhaustedAsync(PortiqueDb db, List<DepositJob> exhausted, DateTimeOffset now, CancellationToken ct)
    {
        var flowIds = exhausted.Select(j => j.FlowId).ToList();
        var flows = await db.Set<Flow>().Where(f => flowIds.Contains(f.Id)).ToListAsync(ct);
        foreach (var job in exhausted)
        {
            var flow = flows.First(f => f.Id == job.FlowId);
            log.LogError("Flow {FlowId} closed after {Attempts} attempts without an end: {Error}", job.FlowId, job.Attempts, job.LastError ?? Interrupted);
            if (!flow.IsFinished)
            {
                flow.Finish(0, [FlowFinding.Of(flow.FileName, null, "FLOW_TECHNICAL_ERROR", true,
                    $"Le flux a été abandonné après {job.Attempts} tentatives d'intégration : {job.LastError ?? Interrupted}")], 1, now);
            }
            db.Remove(job);
        }
    }

    /// <summary>Integrates the flows of <paramref name="jobs"/>, all leased under <paramref name="token"/>, in one transaction.</summary>
    private async Task IntegrateAsync(Guid token, IReadOnlyList<Job> jobs, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Deleting the jobs first takes their row locks: a worker that took over an expired lease (a new token) blocks here, or
        // this one finds fewer jobs than it claimed and leaves them all to the new holder (nothing is written).
        if (await db.Set<DepositJob>().Where(j => j.LeaseToken == token).ExecuteDeleteAsync(ct) != jobs.Count)
            return;
        var flowIds = jobs.Select(j => j.FlowId).ToList();
        var flows = await db.Set<Flow>().Where(f => flowIds.Contains(f.Id)).OrderBy(f => f.Id).ToListAsync(ct);
        var deferred = await scope.ServiceProvider.GetRequiredService<FlowProcessor>().ProcessAsync([.. flows.Where(f => !f.IsFinished)], ct, BatchExpandedBytes);
        // Flows past the batch's memory budget go back to the queue, in the same transaction: nothing is lost if it rolls back.
        if (deferred.Count > 0)
        {
            db.AddRange(deferred.Select(f => DepositJob.For(f.Id, clock.GetUtcNow())));
            await db.SaveChangesAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>One job of the batch under its own token, so that its failure (recorded) touches no other.</summary>
    private async Task IntegrateAloneAsync(Batch batch, Job job, CancellationToken ct)
    {
        var token = Guid.NewGuid();
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
            if (await db.Set<DepositJob>().Where(j => j.Id == job.Id && j.LeaseToken == batch.Token)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseToken, token).SetProperty(j => j.LastError, Interrupted), ct) == 0)
                return;
        }
        await IntegrateOrRecordAsync(token, job, ct);
    }

    private async Task IntegrateOrRecordAsync(Guid token, Job job, CancellationToken ct)
    {
        try
        {
            await IntegrateAsync(token, [job], ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Integration of flow {FlowId} failed (attempt {Attempt})", job.FlowId, job.Attempts);
            await RecordFailureAsync(job, token, e.Message, ct);
        }
    }

    /// <summary>Retries soon (a lost race on the unique number index resolves on the next attempt); gives up after a few.</summary>
    private async Task RecordFailureAsync(Job claimed, Guid token, string error, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortiqueDb>();
        var job = await db.Set<DepositJob>().FirstOrDefaultAsync(j => j.Id == claimed.Id && j.LeaseToken == token, ct);
        if (job is null)
            return;
        var now = clock.GetUtcNow();
        if (claimed.Attempts >= MaxAttempts)
        {
            var flow = await db.Set<Flow>().FirstAsync(f => f.Id == claimed.FlowId, ct);
            flow.Finish(0, [FlowFinding.Of(flow.FileName, null, "FLOW_TECHNICAL_ERROR", true, $"Le flux n'a pu être intégré : {error}")], 1, now);
            db.Remove(job);
        }
        else
        {
            job.Fail(error, now + TimeSpan.FromSeconds(Math.Pow(2, claimed.Attempts)));
        }
        await db.SaveChangesAsync(ct);
    }
}

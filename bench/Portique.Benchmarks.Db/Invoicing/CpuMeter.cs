using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Portique.Benchmarks.Db.Invoicing;

/// <summary>
/// CPU seconds spent during the timed part by the web host, this load generator, PostgreSQL (read from /proc: the backends
/// connected to the bench database, plus the server's background processes such as the WAL writer, which other databases
/// share) and the whole machine: per invoice, they say where the cost is whatever the other engineers on the same cores are
/// doing; the machine's remainder is their load (the disturbance of the figures).
/// </summary>
internal sealed class CpuMeter
{
    private static readonly double Tick = 100.0; // USER_HZ on Linux
    private readonly Process _web;
    private readonly string _connection;
    private readonly (double Web, double Client, Dictionary<int, double> Postgres, double Machine) _start;

    private CpuMeter(Process web, string connection)
    {
        _web = web;
        _connection = connection;
        _start = Sample();
    }

    public static CpuMeter Start(Process web, string connection) => new(web, connection);

    private (double Web, double Client, Dictionary<int, double> Postgres, double Machine) Sample()
    {
        _web.Refresh();
        return (_web.TotalProcessorTime.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Postgres(Ours()), Machine());
    }

    /// <summary>One line: CPU ms per invoice of each party, and the machine's total busy cores over the period.</summary>
    public string Report(int invoices, TimeSpan elapsed)
    {
        var end = Sample();
        double PerInvoice(double from, double to) => (to - from) * 1000 / invoices;
        var postgres = PostgresSeconds(_start.Postgres, end.Postgres);
        var others = (end.Machine - _start.Machine) - (end.Web - _start.Web) - (end.Client - _start.Client) - postgres;
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU per invoice: web host {PerInvoice(_start.Web, end.Web):F2} ms, PostgreSQL {postgres * 1000 / invoices:F2} ms, load generator {PerInvoice(_start.Client, end.Client):F2} ms; other processes {others / elapsed.TotalSeconds:F2} cores busy on average; machine {(end.Machine - _start.Machine) / elapsed.TotalSeconds:F2} of {Environment.ProcessorCount} cores busy");
    }

    /// <summary>The server's processes that work for the bench: its database's backends and the shared background processes.</summary>
    private HashSet<int> Ours()
    {
        using var conn = new NpgsqlConnection(_connection);
        conn.Open();
        using var cmd = new NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR (datname IS NULL AND backend_type <> 'client backend')", conn);
        using var reader = cmd.ExecuteReader();
        var pids = new HashSet<int>();
        while (reader.Read())
            pids.Add(reader.GetInt32(0));
        return pids;
    }

    /// <summary>CPU ticks of those processes by pid: only those alive at both ends are counted (backends come and go).</summary>
    private static Dictionary<int, double> Postgres(HashSet<int> pids)
    {
        var ticks = new Dictionary<int, double>();
        foreach (var pid in pids)
        {
            var dir = $"/proc/{pid}";
            try
            {
                ticks[pid] = Ticks(File.ReadAllText(Path.Combine(dir, "stat")));
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return ticks;
    }

    private static double PostgresSeconds(Dictionary<int, double> from, Dictionary<int, double> to) =>
        to.Where(p => from.ContainsKey(p.Key)).Sum(p => p.Value - from[p.Key]) / Tick;

    /// <summary>utime + stime of a /proc/PID/stat line (fields 14 and 15, after the parenthesised command name).</summary>
    private static double Ticks(string stat)
    {
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>Busy time of all cores from /proc/stat: everything but idle and iowait.</summary>
    private static double Machine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (cpu.Take(8).Sum() - cpu[3] - cpu[4]) / Tick;
    }
}

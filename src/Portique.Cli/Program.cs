using System.CommandLine;
using Portique.Cli.Cdar;
using Portique.Cli.EReporting;
using Portique.Cli.Annuaire;
using Portique.Cli.Flux1;
using Portique.Cli.Db;
using Portique.Cli.Espd;
using Portique.Cli.Invoice;
using Portique.Cli.Migration;
using Portique.Cli.Users;

namespace Portique.Cli;

/// <summary>The `portique` command line. Each area adds its command to the root here, from its own folder.</summary>
public static class Program
{
    /// <summary>Exit code for a command line that cannot be understood (unknown option, missing argument, missing file).</summary>
    public const int UsageError = 2;

    public static int Main(string[] args)
    {
        // Console.Out flushes on every line; a buffered writer keeps `validate --json` over thousands of files I/O-cheap.
        using var output = new StreamWriter(Console.OpenStandardOutput(), new System.Text.UTF8Encoding(false), 1 << 16);
        var exit = Run(args, output, Console.Error);
        output.Flush();
        return exit;
    }

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("Portique: e-invoicing portal tools.");
        root.Subcommands.Add(InvoiceCommand.Create());
        root.Subcommands.Add(CdarCommand.Create());
        root.Subcommands.Add(Flux1Command.Create());
        root.Subcommands.Add(EReportingCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(EspdCommand.Create());
        root.Subcommands.Add(DirectoryCommand.Create());
        return root;
    }

    /// <summary>Runs a command line with the given writers, so tests can drive the exact contract in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit with 1, which the invoice contract reserves for "invalid invoice".
            error.WriteLine($"{string.Join(" ", parse.Errors.Select(e => OneLine(e.Message)))} Run with --help for usage.");
            return UsageError;
        }
        try
        {
            // Our own handler below: System.CommandLine's default prints the exception with its stack trace.
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            var (exit, line) = Describe(e);
            error.WriteLine(line);
            if (Environment.GetEnvironmentVariable("PORTIQUE_DEBUG") == "1")
                error.WriteLine(e);
            return exit;
        }
    }

    /// <summary>What went wrong, on one line, with what to do; and the exit code.</summary>
    internal static (int Exit, string Line) Describe(Exception e) => e switch
    {
        AggregateException { InnerExceptions.Count: 1 } a => Describe(a.InnerExceptions[0]),
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } => Describe(inner),
        ArgumentException => (UsageError, OneLine(e.Message)),
        Common.PortiqueException p => (1, $"{p.Code}: {OneLine(p.Message)}"),
        Npgsql.PostgresException { SqlState: "28P01" or "28000" } => (3, "PostgreSQL refused the login: check Username and Password in --connection."),
        Npgsql.PostgresException { SqlState: "3D000" } pg => (3, $"PostgreSQL has no such database ({OneLine(pg.MessageText)}): create it, or fix Database in --connection."),
        Npgsql.PostgresException pg => (3, $"PostgreSQL refused the command ({pg.SqlState}: {OneLine(pg.MessageText)})."),
        Npgsql.NpgsqlException n => (3, $"Cannot reach the PostgreSQL server ({OneLine(n.InnerException?.Message ?? n.Message)}): check Host and Port in --connection, and that the server is running."),
        Microsoft.Data.Sqlite.SqliteException s => (3, $"SQLite error ({OneLine(s.Message)}): check the Data Source file in --connection and that it is writable."),
        FileNotFoundException or DirectoryNotFoundException => (UsageError, $"{OneLine(e.Message)} Check the path."),
        IOException or UnauthorizedAccessException => (1, $"{OneLine(e.Message)} Check the path and its permissions."),
        OperationCanceledException => (130, "Interrupted."),
        _ => (70, $"Unexpected error ({e.GetType().Name}: {OneLine(e.Message)}). Run again with PORTIQUE_DEBUG=1 for the details, and report it."),
    };

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

using System.CommandLine;
using Portique.Cli.Db;
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
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        return root;
    }

    /// <summary>Runs a command line with the given writers, so tests can drive the exact contract in-process.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            // System.CommandLine would exit with 1, which the invoice contract reserves for "invalid invoice".
            foreach (var parseError in parse.Errors)
                error.WriteLine(parseError.Message);
            error.WriteLine("Run with --help for usage.");
            return UsageError;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portique.Common.Data;

namespace Portique.Migrations.Sqlite.Constraints;

/// <summary>
/// What EF cannot express about directory lines (docs/decisions/0025), as SQLite triggers: two versions of one address never
/// overlap in time, and a version is never deleted nor changed except its closing, once. Dates are stored as ISO text, so
/// they compare as dates; an open end counts as 9999-12-31. Kept outside Migrations/ so that regenerating the Initial
/// migration keeps it; its id sorts after every generated migration.
/// </summary>
[DbContext(typeof(PortiqueDb))]
[Migration("99990101000000_DirectoryLineConstraints")]
public sealed class DirectoryLineConstraints : Migration
{
    private const string Overlap = """
        EXISTS (SELECT 1 FROM directory_lines l
                WHERE l.AddressingIdentifier = NEW.AddressingIdentifier AND l.IdInstance <> NEW.IdInstance
                  AND l.ValidFrom < COALESCE(NEW.ValidTo, '9999-12-31') AND NEW.ValidFrom < COALESCE(l.ValidTo, '9999-12-31'))
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE TRIGGER directory_lines_no_overlap_insert BEFORE INSERT ON directory_lines
            WHEN {Overlap}
            BEGIN SELECT RAISE(ABORT, 'DIRECTORY_LINE_OVERLAP'); END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER directory_lines_no_overlap_update BEFORE UPDATE ON directory_lines
            WHEN {Overlap}
            BEGIN SELECT RAISE(ABORT, 'DIRECTORY_LINE_OVERLAP'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER directory_lines_history_only BEFORE UPDATE ON directory_lines
            WHEN OLD.ValidTo IS NOT NULL OR NEW.ValidTo IS NULL
              OR NEW.IdInstance <> OLD.IdInstance OR NEW.AddressingIdentifier <> OLD.AddressingIdentifier
              OR NEW.ValidFrom <> OLD.ValidFrom OR NEW.PlatformMatricule IS NOT OLD.PlatformMatricule
              OR NEW.Granularity <> OLD.Granularity OR NEW.Siren <> OLD.Siren OR NEW.Siret IS NOT OLD.Siret
              OR NEW.RoutingIdentifier IS NOT OLD.RoutingIdentifier OR NEW.Suffix IS NOT OLD.Suffix
            BEGIN SELECT RAISE(ABORT, 'DIRECTORY_LINE_IMMUTABLE'); END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER directory_lines_no_delete BEFORE DELETE ON directory_lines
            BEGIN SELECT RAISE(ABORT, 'DIRECTORY_LINE_IMMUTABLE'); END;
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var trigger in new[] { "directory_lines_no_overlap_insert", "directory_lines_no_overlap_update", "directory_lines_history_only", "directory_lines_no_delete" })
            migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portique.Common.Data;

namespace Portique.Migrations.Postgres.Constraints;

/// <summary>
/// What EF cannot express about directory lines (docs/decisions/0025): two versions of one address never overlap in time
/// (exclusion constraint over a date range, btree_gist for the equality on the identifier), and a version is never deleted
/// nor changed except its closing, once. Kept outside Migrations/ so that regenerating the Initial migration keeps it; its
/// id sorts after every generated migration.
/// </summary>
[DbContext(typeof(PortiqueDb))]
[Migration("99990101000000_DirectoryLineConstraints")]
public sealed class DirectoryLineConstraints : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS btree_gist;");
        migrationBuilder.Sql("""
            ALTER TABLE directory_lines ADD CONSTRAINT directory_lines_no_overlap
              EXCLUDE USING gist ("AddressingIdentifier" WITH =, daterange("ValidFrom", "ValidTo", '[)') WITH &&);
            """);
        migrationBuilder.Sql("""
            CREATE FUNCTION directory_lines_history_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                RAISE EXCEPTION 'DIRECTORY_LINE_IMMUTABLE: a directory line is never deleted' USING ERRCODE = 'P0001';
              END IF;
              IF OLD."ValidTo" IS NOT NULL
                 OR NEW."IdInstance" <> OLD."IdInstance" OR NEW."AddressingIdentifier" <> OLD."AddressingIdentifier"
                 OR NEW."ValidFrom" <> OLD."ValidFrom" OR NEW."PlatformMatricule" IS DISTINCT FROM OLD."PlatformMatricule"
                 OR NEW."Granularity" <> OLD."Granularity" OR NEW."Siren" <> OLD."Siren"
                 OR NEW."Siret" IS DISTINCT FROM OLD."Siret" OR NEW."RoutingIdentifier" IS DISTINCT FROM OLD."RoutingIdentifier"
                 OR NEW."Suffix" IS DISTINCT FROM OLD."Suffix" OR NEW."ValidTo" IS NULL THEN
                RAISE EXCEPTION 'DIRECTORY_LINE_IMMUTABLE: a directory line only changes by its closing, once' USING ERRCODE = 'P0001';
              END IF;
              RETURN NEW;
            END $$;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER directory_lines_history_only BEFORE UPDATE OR DELETE ON directory_lines
              FOR EACH ROW EXECUTE FUNCTION directory_lines_history_only();
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP TRIGGER IF EXISTS directory_lines_history_only ON directory_lines;");
        migrationBuilder.Sql("DROP FUNCTION IF EXISTS directory_lines_history_only();");
        migrationBuilder.Sql("ALTER TABLE directory_lines DROP CONSTRAINT IF EXISTS directory_lines_no_overlap;");
    }
}

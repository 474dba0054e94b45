using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Portique.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FirstName = table.Column<string>(type: "text", nullable: false),
                    LastName = table.Column<string>(type: "text", nullable: false),
                    ContactEmail = table.Column<string>(type: "text", nullable: true),
                    NotifyInvoicing = table.Column<bool>(type: "boolean", nullable: false),
                    NotifyNews = table.Column<bool>(type: "boolean", nullable: false),
                    IsDeactivated = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MustSetPassword = table.Column<bool>(type: "boolean", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true, collation: "C"),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorUserId = table.Column<long>(type: "bigint", nullable: true),
                    Action = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    StructureId = table.Column<long>(type: "bigint", nullable: true),
                    TargetUserId = table.Column<long>(type: "bigint", nullable: true),
                    Details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "data_protection_keys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_data_protection_keys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "directory_legal_units",
                columns: table => new
                {
                    Siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    BusinessName = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    EntityType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AdministrativeStatus = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_legal_units", x => x.Siren);
                });

            migrationBuilder.CreateTable(
                name: "directory_platforms",
                columns: table => new
                {
                    Matricule = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BaseUrl = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_platforms", x => x.Matricule);
                });

            migrationBuilder.CreateTable(
                name: "news_items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<long>(type: "bigint", nullable: false),
                    WebinarAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WebinarLink = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_news_items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    To = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeduplicationKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "refund_campaigns",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    AdvancePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    AutomaticFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    AutomaticTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CheckboxFrom = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_campaigns", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "refund_rates",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rate = table.Column<decimal>(type: "numeric(10,4)", precision: 10, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_rates", x => new { x.Year, x.Product });
                });

            migrationBuilder.CreateTable(
                name: "structures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdentifierType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false, collation: "C"),
                    Identifier = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    VatNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Address_City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Address_CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Address_Line1 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address_Line2 = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Address_PostCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Parameters_CommitmentNumberRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_DelegatedValidator = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_EdiConnection = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_InseeNonDiffusible = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_ManagesMoa = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_MoaOnly = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_PaymentStatusNotReported = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_ReceivesViaEdi = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_ServiceCodeOrCommitmentRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Parameters_ServiceCodeRequired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_structures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<long>(type: "bigint", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    RoleId = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "directory_facilities",
                columns: table => new
                {
                    Siret = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false, collation: "C"),
                    Siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FacilityType = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    AdministrativeStatus = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    Diffusible = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Address_CountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Address_Line1 = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Address_Line2 = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Address_Line3 = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    Address_Locality = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Address_PostalCode = table.Column<string>(type: "character varying(5)", maxLength: 5, nullable: true),
                    Address_Subdivision = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_facilities", x => x.Siret);
                    table.ForeignKey(
                        name: "FK_directory_facilities_directory_legal_units_Siren",
                        column: x => x.Siren,
                        principalTable: "directory_legal_units",
                        principalColumn: "Siren",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "api_clients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_clients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_api_clients_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_api_clients_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "approval_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    RequesterId = table.Column<long>(type: "bigint", nullable: false),
                    ServiceIds = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    Application = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Profile = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ServiceId = table.Column<long>(type: "bigint", nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DecidedById = table.Column<long>(type: "bigint", nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_approval_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_approval_requests_AspNetUsers_DecidedById",
                        column: x => x.DecidedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_approval_requests_AspNetUsers_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_approval_requests_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    Bic = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bank_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bank_accounts_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "flows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Number = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    DepositorUserId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Syntax = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepositMode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StateChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    InvoicesIntegrated = table.Column<int>(type: "integer", nullable: false),
                    InvoicesRejected = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flows_AspNetUsers_DepositorUserId",
                        column: x => x.DepositorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_flows_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    AttachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DetachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ServiceIds = table.Column<List<long>>(type: "bigint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_memberships_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_memberships_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refund_requests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    DeliveryYear = table.Column<int>(type: "integer", nullable: false),
                    BankDetailsReference = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SwornNotInDifficulty = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepositedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DepositedBy = table.Column<long>(type: "bigint", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    AdvanceYear = table.Column<int>(type: "integer", nullable: true),
                    AdvancePercent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    AdvanceAmount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    AdvanceMode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DeductedAdvance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Balance = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    RefusalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_refund_requests_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "services",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CommitmentNumberRequired = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_services", x => x.Id);
                    table.ForeignKey(
                        name: "FK_services_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "technical_accounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    Login = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NormalizedLogin = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PasswordHash = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PasswordChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PasswordExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<long>(type: "bigint", nullable: false),
                    DeactivatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_technical_accounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_technical_accounts_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_technical_accounts_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directory_lines",
                columns: table => new
                {
                    IdInstance = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AddressingIdentifier = table.Column<string>(type: "character varying(125)", maxLength: 125, nullable: false, collation: "C"),
                    Granularity = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Siren = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false, collation: "C"),
                    Siret = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: true, collation: "C"),
                    RoutingIdentifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Suffix = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PlatformMatricule = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true, collation: "C"),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_lines", x => x.IdInstance);
                    table.ForeignKey(
                        name: "FK_directory_lines_directory_facilities_Siret",
                        column: x => x.Siret,
                        principalTable: "directory_facilities",
                        principalColumn: "Siret",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_directory_lines_directory_legal_units_Siren",
                        column: x => x.Siren,
                        principalTable: "directory_legal_units",
                        principalColumn: "Siren",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_directory_lines_directory_platforms_PlatformMatricule",
                        column: x => x.PlatformMatricule,
                        principalTable: "directory_platforms",
                        principalColumn: "Matricule",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "directory_routing_codes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Siret = table.Column<string>(type: "character varying(14)", maxLength: 14, nullable: false, collation: "C"),
                    RoutingIdentifier = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false, collation: "C"),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ManagesLegalCommitmentCode = table.Column<bool>(type: "boolean", nullable: false),
                    AdministrativeStatus = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_directory_routing_codes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_directory_routing_codes_directory_facilities_Siret",
                        column: x => x.Siret,
                        principalTable: "directory_facilities",
                        principalColumn: "Siret",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "b2b_routings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlowId = table.Column<long>(type: "bigint", nullable: false),
                    SupplierStructureId = table.Column<long>(type: "bigint", nullable: false),
                    DocumentName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NumberYear = table.Column<int>(type: "integer", nullable: false),
                    IssueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    BuyerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddressingIdentifier = table.Column<string>(type: "character varying(125)", maxLength: 125, nullable: false),
                    LineIdInstance = table.Column<long>(type: "bigint", nullable: true),
                    PlatformMatricule = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Status = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    RoutedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_b2b_routings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_b2b_routings_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_b2b_routings_structures_SupplierStructureId",
                        column: x => x.SupplierStructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "deposit_jobs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlowId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseToken = table.Column<Guid>(type: "uuid", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deposit_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deposit_jobs_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "flow_findings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlowId = table.Column<long>(type: "bigint", nullable: false),
                    Document = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Rule = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    IsError = table.Column<bool>(type: "boolean", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_flow_findings_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "habilitations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MembershipId = table.Column<long>(type: "bigint", nullable: false),
                    Application = table.Column<short>(type: "smallint", nullable: false),
                    Profile = table.Column<short>(type: "smallint", nullable: false),
                    ServiceId = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_habilitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_habilitations_memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refund_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RefundRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_refund_events_refund_requests_RefundRequestId",
                        column: x => x.RefundRequestId,
                        principalTable: "refund_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "refund_lines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RefundRequestId = table.Column<long>(type: "bigint", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DeliveryDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Quantity = table.Column<decimal>(type: "numeric(8,2)", precision: 8, scale: 2, nullable: false),
                    Rate = table.Column<decimal>(type: "numeric(10,4)", precision: 10, scale: 4, nullable: false),
                    Refund = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_refund_lines_refund_requests_RefundRequestId",
                        column: x => x.RefundRequestId,
                        principalTable: "refund_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FlowId = table.Column<long>(type: "bigint", nullable: true),
                    SupplierStructureId = table.Column<long>(type: "bigint", nullable: false),
                    RecipientStructureId = table.Column<long>(type: "bigint", nullable: false),
                    RecipientServiceId = table.Column<long>(type: "bigint", nullable: true),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    NumberYear = table.Column<int>(type: "integer", nullable: false),
                    IssueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    InvoiceType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    AmountExclVat = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    VatAmount = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    AmountInclVat = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    AmountDue = table.Column<decimal>(type: "numeric(19,2)", precision: 19, scale: 2, nullable: false),
                    AmountInclVatCents = table.Column<long>(type: "bigint", nullable: false),
                    Cadre = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    CommitmentNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    DepositMode = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SupplierName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecipientName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DepositedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DepositedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    StatusChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    MandateNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    RejectionHandled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_invoices_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_invoices_services_RecipientServiceId",
                        column: x => x.RecipientServiceId,
                        principalTable: "services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_invoices_structures_RecipientStructureId",
                        column: x => x.RecipientStructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_invoices_structures_SupplierStructureId",
                        column: x => x.SupplierStructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cpro_files",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StructureId = table.Column<long>(type: "bigint", nullable: false),
                    TechnicalAccountId = table.Column<long>(type: "bigint", nullable: true),
                    TypeId = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    MimeType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Extension = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cpro_files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_cpro_files_structures_StructureId",
                        column: x => x.StructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_cpro_files_technical_accounts_TechnicalAccountId",
                        column: x => x.TechnicalAccountId,
                        principalTable: "technical_accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "refund_attachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RefundLineId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Size = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_refund_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_refund_attachments_refund_lines_RefundLineId",
                        column: x => x.RefundLineId,
                        principalTable: "refund_lines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_attachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvoiceId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_attachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_invoice_attachments_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_history",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvoiceId = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Action = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Comment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_history", x => x.Id);
                    table.ForeignKey(
                        name: "FK_invoice_history_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_originals",
                columns: table => new
                {
                    InvoiceId = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_originals", x => x.InvoiceId);
                    table.ForeignKey(
                        name: "FK_invoice_originals_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "invoice_validations",
                columns: table => new
                {
                    InvoiceId = table.Column<long>(type: "bigint", nullable: false),
                    ValidatorStructureId = table.Column<long>(type: "bigint", nullable: false),
                    ValidatorServiceId = table.Column<long>(type: "bigint", nullable: true),
                    Cadre = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DueAtTicks = table.Column<long>(type: "bigint", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedByUserId = table.Column<long>(type: "bigint", nullable: true),
                    ReasonCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Comment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_invoice_validations", x => x.InvoiceId);
                    table.ForeignKey(
                        name: "FK_invoice_validations_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_invoice_validations_structures_ValidatorStructureId",
                        column: x => x.ValidatorStructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "lifecycle_statuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvoiceId = table.Column<long>(type: "bigint", nullable: true),
                    B2bRoutingId = table.Column<long>(type: "bigint", nullable: true),
                    FlowId = table.Column<long>(type: "bigint", nullable: true),
                    SupplierStructureId = table.Column<long>(type: "bigint", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InvoiceDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    Code = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Actor = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UserId = table.Column<long>(type: "bigint", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Comment = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                    RequestedAction = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Collected = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MessageId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Cdar = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lifecycle_statuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_lifecycle_statuses_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lifecycle_statuses_b2b_routings_B2bRoutingId",
                        column: x => x.B2bRoutingId,
                        principalTable: "b2b_routings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lifecycle_statuses_flows_FlowId",
                        column: x => x.FlowId,
                        principalTable: "flows",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lifecycle_statuses_invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_lifecycle_statuses_structures_SupplierStructureId",
                        column: x => x.SupplierStructureId,
                        principalTable: "structures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "directory_platforms",
                columns: new[] { "Matricule", "BaseUrl", "IsActive", "Name", "RegisteredAt", "Type" },
                values: new object[,]
                {
                    { "0000", null, true, "Portail public de facturation", new DateTimeOffset(new DateTime(2024, 10, 15, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "DFH" },
                    { "9999", null, true, "Chorus Pro", new DateTimeOffset(new DateTime(2024, 10, 15, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), "WK" }
                });

            migrationBuilder.InsertData(
                table: "refund_campaigns",
                columns: new[] { "Year", "AdvancePercent", "AutomaticFrom", "AutomaticTo", "CheckboxFrom" },
                values: new object[,]
                {
                    { 2022, 25m, new DateOnly(2022, 4, 1), new DateOnly(2022, 4, 30), new DateOnly(2022, 5, 1) },
                    { 2024, 50m, null, null, new DateOnly(2024, 2, 1) }
                });

            migrationBuilder.InsertData(
                table: "refund_rates",
                columns: new[] { "Product", "Year", "Rate" },
                values: new object[,]
                {
                    { "GazoleNonRoutier", 2017, 11.23m },
                    { "FioulLourd", 2018, 13.765m },
                    { "GazNaturelCombustible", 2018, 8.331m },
                    { "GazoleNonRoutier", 2018, 14.96m },
                    { "Gpl", 2018, 5.72m },
                    { "FioulLourd", 2019, 13.765m },
                    { "GazNaturelCombustible", 2019, 8.331m },
                    { "GazoleNonRoutier", 2019, 14.96m },
                    { "Gpl", 2019, 5.72m },
                    { "FioulLourd", 2020, 13.765m },
                    { "GazNaturelCombustible", 2020, 8.331m },
                    { "GazoleNonRoutier", 2020, 14.96m },
                    { "Gpl", 2020, 5.72m },
                    { "FioulLourd", 2021, 13.765m },
                    { "GazNaturelCarburant", 2021, 4.69m },
                    { "GazNaturelCombustible", 2021, 7.89m },
                    { "GazoleNonRoutier", 2021, 14.96m },
                    { "Gpl", 2021, 5.72m },
                    { "FioulLourd", 2022, 13.765m },
                    { "GazNaturelCarburant", 2022, 4.69m },
                    { "GazNaturelCombustible", 2022, 7.87m },
                    { "GazoleNonRoutier", 2022, 14.96m },
                    { "Gpl", 2022, 5.72m },
                    { "FioulLourd", 2023, 13.76m },
                    { "GazNaturelCarburant", 2023, 4.69m },
                    { "GazNaturelCombustible", 2023, 7.83m },
                    { "GazoleNonRoutier", 2023, 14.96m },
                    { "Gpl", 2023, 5.72m }
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_clients_ClientId",
                table: "api_clients",
                column: "ClientId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_clients_CreatedById",
                table: "api_clients",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_api_clients_StructureId",
                table: "api_clients",
                column: "StructureId");

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_DecidedById",
                table: "approval_requests",
                column: "DecidedById");

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_RequesterId_Id",
                table: "approval_requests",
                columns: new[] { "RequesterId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_approval_requests_StructureId_State_Id",
                table: "approval_requests",
                columns: new[] { "StructureId", "State", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_StructureId_At",
                table: "audit_entries",
                columns: new[] { "StructureId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TargetUserId_At",
                table: "audit_entries",
                columns: new[] { "TargetUserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_b2b_routings_FlowId",
                table: "b2b_routings",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_b2b_routings_SupplierStructureId_Number_NumberYear",
                table: "b2b_routings",
                columns: new[] { "SupplierStructureId", "Number", "NumberYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bank_accounts_StructureId_Iban",
                table: "bank_accounts",
                columns: new[] { "StructureId", "Iban" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_cpro_files_StructureId_Id",
                table: "cpro_files",
                columns: new[] { "StructureId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cpro_files_TechnicalAccountId",
                table: "cpro_files",
                column: "TechnicalAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_deposit_jobs_FlowId",
                table: "deposit_jobs",
                column: "FlowId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directory_facilities_Siren",
                table: "directory_facilities",
                column: "Siren");

            migrationBuilder.CreateIndex(
                name: "IX_directory_legal_units_NameKey",
                table: "directory_legal_units",
                column: "NameKey")
                .Annotation("Relational:Collation", new[] { "C" });

            migrationBuilder.CreateIndex(
                name: "IX_directory_lines_AddressingIdentifier_ValidFrom",
                table: "directory_lines",
                columns: new[] { "AddressingIdentifier", "ValidFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_directory_lines_PlatformMatricule",
                table: "directory_lines",
                column: "PlatformMatricule");

            migrationBuilder.CreateIndex(
                name: "IX_directory_lines_Siren",
                table: "directory_lines",
                column: "Siren");

            migrationBuilder.CreateIndex(
                name: "IX_directory_lines_Siret",
                table: "directory_lines",
                column: "Siret");

            migrationBuilder.CreateIndex(
                name: "IX_directory_routing_codes_Siret_RoutingIdentifier",
                table: "directory_routing_codes",
                columns: new[] { "Siret", "RoutingIdentifier" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_flow_findings_FlowId",
                table: "flow_findings",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_flows_DepositorUserId",
                table: "flows",
                column: "DepositorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_flows_Number",
                table: "flows",
                column: "Number");

            migrationBuilder.CreateIndex(
                name: "IX_flows_StructureId_Id",
                table: "flows",
                columns: new[] { "StructureId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_habilitations_MembershipId",
                table: "habilitations",
                column: "MembershipId");

            migrationBuilder.CreateIndex(
                name: "IX_invoice_attachments_InvoiceId",
                table: "invoice_attachments",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_invoice_history_InvoiceId_Id",
                table: "invoice_history",
                columns: new[] { "InvoiceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_invoice_validations_Outcome_DueAtTicks",
                table: "invoice_validations",
                columns: new[] { "Outcome", "DueAtTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_invoice_validations_ValidatorStructureId_Outcome_DueAtTicks",
                table: "invoice_validations",
                columns: new[] { "ValidatorStructureId", "Outcome", "DueAtTicks" });

            migrationBuilder.CreateIndex(
                name: "IX_invoices_FlowId",
                table: "invoices",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_invoices_RecipientServiceId",
                table: "invoices",
                column: "RecipientServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_invoices_RecipientStructureId_DepositedOn_Id",
                table: "invoices",
                columns: new[] { "RecipientStructureId", "DepositedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_invoices_RecipientStructureId_Number",
                table: "invoices",
                columns: new[] { "RecipientStructureId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_invoices_RecipientStructureId_Status_DepositedOn_Id",
                table: "invoices",
                columns: new[] { "RecipientStructureId", "Status", "DepositedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_invoices_SupplierStructureId_DepositedOn_Id",
                table: "invoices",
                columns: new[] { "SupplierStructureId", "DepositedOn", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_invoices_SupplierStructureId_Number_NumberYear",
                table: "invoices",
                columns: new[] { "SupplierStructureId", "Number", "NumberYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_B2bRoutingId_Sequence",
                table: "lifecycle_statuses",
                columns: new[] { "B2bRoutingId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_FlowId",
                table: "lifecycle_statuses",
                column: "FlowId");

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_InvoiceId_Sequence",
                table: "lifecycle_statuses",
                columns: new[] { "InvoiceId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_MessageId",
                table: "lifecycle_statuses",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_SupplierStructureId",
                table: "lifecycle_statuses",
                column: "SupplierStructureId");

            migrationBuilder.CreateIndex(
                name: "IX_lifecycle_statuses_UserId",
                table: "lifecycle_statuses",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_memberships_StructureId_UserId",
                table: "memberships",
                columns: new[] { "StructureId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_memberships_UserId_IsActive",
                table: "memberships",
                columns: new[] { "UserId", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_DeduplicationKey",
                table: "outbox_messages",
                column: "DeduplicationKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_messages_SentAt_Id",
                table: "outbox_messages",
                columns: new[] { "SentAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_refund_attachments_RefundLineId",
                table: "refund_attachments",
                column: "RefundLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refund_events_RefundRequestId_At",
                table: "refund_events",
                columns: new[] { "RefundRequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_refund_lines_RefundRequestId_Number",
                table: "refund_lines",
                columns: new[] { "RefundRequestId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_refund_requests_Status_Id",
                table: "refund_requests",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_refund_requests_StructureId_DeliveryYear",
                table: "refund_requests",
                columns: new[] { "StructureId", "DeliveryYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_services_StructureId_Code",
                table: "services",
                columns: new[] { "StructureId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_structures_Identifier_IdentifierType",
                table: "structures",
                columns: new[] { "Identifier", "IdentifierType" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_structures_NameKey",
                table: "structures",
                column: "NameKey")
                .Annotation("Npgsql:IndexInclude", new[] { "IsActive" })
                .Annotation("Relational:Collation", new[] { "C" });

            migrationBuilder.CreateIndex(
                name: "IX_technical_accounts_CreatedById",
                table: "technical_accounts",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_technical_accounts_NormalizedLogin",
                table: "technical_accounts",
                column: "NormalizedLogin",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_technical_accounts_StructureId",
                table: "technical_accounts",
                column: "StructureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_clients");

            migrationBuilder.DropTable(
                name: "approval_requests");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "bank_accounts");

            migrationBuilder.DropTable(
                name: "cpro_files");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "deposit_jobs");

            migrationBuilder.DropTable(
                name: "directory_lines");

            migrationBuilder.DropTable(
                name: "directory_routing_codes");

            migrationBuilder.DropTable(
                name: "flow_findings");

            migrationBuilder.DropTable(
                name: "habilitations");

            migrationBuilder.DropTable(
                name: "invoice_attachments");

            migrationBuilder.DropTable(
                name: "invoice_history");

            migrationBuilder.DropTable(
                name: "invoice_originals");

            migrationBuilder.DropTable(
                name: "invoice_validations");

            migrationBuilder.DropTable(
                name: "lifecycle_statuses");

            migrationBuilder.DropTable(
                name: "news_items");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "refund_attachments");

            migrationBuilder.DropTable(
                name: "refund_campaigns");

            migrationBuilder.DropTable(
                name: "refund_events");

            migrationBuilder.DropTable(
                name: "refund_rates");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "technical_accounts");

            migrationBuilder.DropTable(
                name: "directory_platforms");

            migrationBuilder.DropTable(
                name: "directory_facilities");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "b2b_routings");

            migrationBuilder.DropTable(
                name: "invoices");

            migrationBuilder.DropTable(
                name: "refund_lines");

            migrationBuilder.DropTable(
                name: "directory_legal_units");

            migrationBuilder.DropTable(
                name: "flows");

            migrationBuilder.DropTable(
                name: "services");

            migrationBuilder.DropTable(
                name: "refund_requests");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "structures");
        }
    }
}

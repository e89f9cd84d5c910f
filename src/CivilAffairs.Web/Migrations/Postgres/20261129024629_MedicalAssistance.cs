using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MedicalAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sa_medical_cap_usage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UsedFen = table.Column<long>(type: "bigint", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_medical_cap_usage", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "sa_medical_settlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<int>(type: "integer", nullable: false),
                    IdNumber = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    DivisionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Type = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Visit = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Institution = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    BillNumber = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    VisitDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TotalFen = table.Column<long>(type: "bigint", nullable: false),
                    InCatalogueFen = table.Column<long>(type: "bigint", nullable: false),
                    BasicInsuranceFen = table.Column<long>(type: "bigint", nullable: false),
                    CriticalIllnessFen = table.Column<long>(type: "bigint", nullable: false),
                    OtherAidFen = table.Column<long>(type: "bigint", nullable: false),
                    SelfPayInCatalogueFen = table.Column<long>(type: "bigint", nullable: false),
                    ThresholdFen = table.Column<long>(type: "bigint", nullable: false),
                    AssistanceFen = table.Column<long>(type: "bigint", nullable: false),
                    PatientPaysFen = table.Column<long>(type: "bigint", nullable: false),
                    Working = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    SettledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ReversedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReversedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReversalReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sa_medical_settlements", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_cap_usage_PersonId_Year",
                table: "sa_medical_cap_usage",
                columns: new[] { "PersonId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_settlements_Institution_BillNumber",
                table: "sa_medical_settlements",
                columns: new[] { "Institution", "BillNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sa_medical_settlements_PersonId_Year",
                table: "sa_medical_settlements",
                columns: new[] { "PersonId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sa_medical_cap_usage");

            migrationBuilder.DropTable(
                name: "sa_medical_settlements");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerificationBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "vf_batches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ScopeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    JobId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Households = table.Column<int>(type: "INTEGER", nullable: false),
                    Meets = table.Column<int>(type: "INTEGER", nullable: false),
                    DoesNotMeet = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedsReview = table.Column<int>(type: "INTEGER", nullable: false),
                    AnomalyCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SnapshotIds = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PreviousBatchId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResultsFile = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vf_batches", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "vf_anomalies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    HouseholdId = table.Column<int>(type: "INTEGER", nullable: false),
                    DivisionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vf_anomalies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_vf_anomalies_vf_batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "vf_batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_vf_anomalies_BatchId_Kind",
                table: "vf_anomalies",
                columns: new[] { "BatchId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_vf_anomalies_DivisionCode",
                table: "vf_anomalies",
                column: "DivisionCode");

            migrationBuilder.CreateIndex(
                name: "IX_vf_anomalies_HouseholdId",
                table: "vf_anomalies",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_vf_batches_DivisionCode_Status",
                table: "vf_batches",
                columns: new[] { "DivisionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "ix_vf_batches_one_running",
                table: "vf_batches",
                column: "DivisionCode",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Running')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "vf_anomalies");

            migrationBuilder.DropTable(
                name: "vf_batches");
        }
    }
}

"use client";

import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";

import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { productKeys } from "@/features/products/queries";

import { ImportForm } from "./import-form";
import { ImportJobPanel } from "./import-job-panel";
import { LoadingBlock } from "./loading-block";
import { useImportState, useStartImport } from "./queries";
import { JOB_NOUN, type CreateImportJobRequest } from "./types";

interface ImportProductsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

export function ImportProductsDialog({ open, onOpenChange }: ImportProductsDialogProps) {
  const queryClient = useQueryClient();

  function handleOpenChange(next: boolean) {
    // Whatever happened while the dialog was open, the table may be out of date now.
    if (!next) void queryClient.invalidateQueries({ queryKey: productKeys.all });
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent
        className="sm:max-w-xl"
        // The body is still loading when the dialog opens, so Radix would land on the close button;
        // focusing the panel itself keeps focus trapped without a stray ring, and Tab enters the form.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          (event.currentTarget as HTMLElement | null)?.focus();
        }}
      >
        <DialogHeader>
          <DialogTitle>Import Products</DialogTitle>
          <DialogDescription>Copy the products on sale in the Magento store into the Lookbook catalog.</DialogDescription>
        </DialogHeader>
        {/* Mounted only while open, so every opening starts from a fresh look at the import state. */}
        <ImportFlow />
      </DialogContent>
    </Dialog>
  );
}

function ImportFlow() {
  const stateQuery = useImportState();
  const start = useStartImport();
  const [jobId, setJobId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [checkedForActiveJob, setCheckedForActiveJob] = useState(false);

  // Decide once per opening, from a fresh state read, whether to attach to a job already running.
  if (!checkedForActiveJob && stateQuery.isFetchedAfterMount) {
    setCheckedForActiveJob(true);
    const activeJob = stateQuery.data?.active_job;
    if (activeJob) {
      setJobId(activeJob.id);
      setNotice(`${activeJobNoun(activeJob.params.mode)} is already running; showing its progress.`);
    }
  }

  function startJob(request: CreateImportJobRequest) {
    start.mutate(request, {
      onSuccess: (result) => {
        setNotice(
          result.alreadyRunning ? "Another job was already running (started elsewhere); showing its progress." : null,
        );
        setJobId(result.jobId);
      },
    });
  }

  if (!checkedForActiveJob) return <LoadingBlock label="Checking import status…" />;

  if (jobId === null) {
    return (
      <ImportForm
        state={stateQuery.data}
        stateError={stateQuery.error}
        onRetryState={() => void stateQuery.refetch()}
        submitting={start.isPending}
        submitError={start.error}
        onSubmit={startJob}
      />
    );
  }

  return (
    <ImportJobPanel
      key={jobId}
      jobId={jobId}
      notice={notice}
      startPending={start.isPending}
      startError={start.error}
      onStartNext={(limit) => startJob({ mode: "import", limit, resumeFromLast: true, startAfterId: null })}
    />
  );
}

function activeJobNoun(mode: keyof typeof JOB_NOUN): string {
  return mode === "refresh" ? "A refresh" : "An import";
}

import { AlertCircle, RotateCw } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

import { ApiError } from "./api";

interface ErrorAlertProps {
  title: string;
  error: Error;
  onRetry?: () => void;
  retrying?: boolean;
}

export function ErrorAlert({ title, error, onRetry, retrying = false }: ErrorAlertProps) {
  // A 400 carries one message per broken rule; list them rather than joining them into one line.
  const details = error instanceof ApiError && error.status === 400 && error.details.length > 1 ? error.details : null;
  // A request the browser would not send fails the same way again: no Retry.
  const canRetry = onRetry && !(error instanceof ApiError && error.reason === "not-sent");

  return (
    <Alert variant="destructive">
      <AlertCircle />
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        {details ? (
          <ul className="list-disc pl-4">
            {details.map((detail) => (
              <li key={detail}>{detail}</li>
            ))}
          </ul>
        ) : (
          <p>{error.message}</p>
        )}
        {canRetry && (
          <Button type="button" variant="outline" size="sm" className="mt-2" onClick={onRetry} disabled={retrying}>
            <RotateCw className={retrying ? "animate-spin" : undefined} aria-hidden />
            Retry
          </Button>
        )}
      </AlertDescription>
    </Alert>
  );
}

;;; eglot_test.el --- Batch Emacs test of editors/emacs/copydesk.el with eglot  -*- lexical-binding: t; -*-

;; On a copy of the shipped example: eglot starts by itself in the article (copydesk-setup),
;; the unattributed-quote diagnostic arrives through flymake, eldoc's hover function gets the
;; actor card, xref's definition lands in the glossary, and eglot-shutdown (which sends
;; `shutdown' with params null) gets its answer and leaves no server behind.
;;
;;   emacs --batch -l eglot_test.el PLUGIN SERVER WORKSPACE MODE PIDFILE
;;
;; MODE `quit' runs everything; MODE `wait' stops after the diagnostics, writes PIDFILE and
;; waits to be killed (the script then checks the server exits by itself).

(require 'cl-lib)
(require 'flymake)
(require 'xref)

(cl-destructuring-bind (plugin server workspace mode pidfile) command-line-args-left
  (setq command-line-args-left nil)

  (defun copydesk-test-fail (format-string &rest args)
    (message "FAIL: %s" (apply #'format format-string args))
    (kill-emacs 1))

  (defun copydesk-test-say (format-string &rest args)
    (princ (concat "emacs: " (apply #'format format-string args) "\n")))

  (defun copydesk-test-wait (seconds probe)
    "Run the event loop until PROBE returns non-nil or SECONDS pass; return its value."
    (let ((deadline (+ (float-time) seconds)) value)
      (while (and (not (setq value (funcall probe))) (< (float-time) deadline))
        (accept-process-output nil 0.05))
      value))

  ;; As in a user's init file (batch Emacs reads no init file, but does read the site
  ;; startup files that put Debian's elpa-eglot on the load path).
  (add-to-list 'load-path plugin)
  (require 'copydesk)
  (setq copydesk-command (list server "lsp")
        copydesk-settings '(:debounceMs 0))
  (copydesk-setup)

  (find-file (expand-file-name "lido-closure.md" workspace))
  ;; Emacs 28 has no Markdown mode of its own; without markdown-mode, text-mode it is.
  (unless (fboundp 'markdown-mode) (text-mode))
  ;; eglot-ensure connects once the current command finishes; batch Emacs runs no command
  ;; loop, so finish one by hand.
  (run-hooks 'post-command-hook)
  (let ((server (copydesk-test-wait 10 #'eglot-current-server)))
    (unless server (copydesk-test-fail "eglot did not start copydesk"))
    (let* ((process (jsonrpc--process server))
           (pid (process-id process)))
      (copydesk-test-say "eglot started %s (pid %d) for %s" (jsonrpc-name server) pid major-mode)

      ;; Line 36 of the example is a quotation with no speaker.
      (let ((diagnostic
             (copydesk-test-wait
              10 (lambda ()
                   (cl-find-if (lambda (d)
                                 (and (= (line-number-at-pos (flymake-diagnostic-beg d)) 36)
                                      (string-match-p "no speaker" (flymake-diagnostic-text d))))
                               (flymake-diagnostics))))))
        (unless diagnostic
          (copydesk-test-fail "no flymake diagnostic on line 36: %S"
                              (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
        (unless (eq (flymake-diagnostic-type diagnostic) 'eglot-warning)
          (copydesk-test-fail "line 36 is a %s, not a warning" (flymake-diagnostic-type diagnostic)))
        (copydesk-test-say "flymake: %d diagnostics, line 36: %s"
                           (length (flymake-diagnostics)) (flymake-diagnostic-text diagnostic)))

      (when (equal mode "wait")
        (write-region (number-to-string pid) nil (concat pidfile ".partial"))
        (rename-file (concat pidfile ".partial") pidfile)
        (copydesk-test-wait 60 #'ignore)
        (copydesk-test-fail "not killed within 60 s"))

      ;; Hover, as eldoc asks for it, on Dana Whitfield (line 12).
      (goto-char (point-min))
      (forward-line 11)
      (unless (search-forward "Dana Whitfield" (line-end-position) t)
        (copydesk-test-fail "Dana Whitfield is not on line 12"))
      (backward-word 1)
      (let* ((hover nil)
             (_ (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info "")))))
             (card (copydesk-test-wait 5 (lambda () hover))))
        (unless (and card (string-match-p "Leader of Ashgrove City Council" card))
          (copydesk-test-fail "eldoc hover: %S" card))
        (copydesk-test-say "eldoc: %s" (car (split-string card "\n"))))

      ;; M-. : the definition is her [dana-whitfield] header in the glossary.
      (let* ((items (xref-backend-definitions 'eglot (xref-backend-identifier-at-point 'eglot)))
             (location (and items (xref-item-location (car items))))
             (file (and location (xref-location-group location)))
             (line (and location (xref-location-line location))))
        (unless (and file (equal (file-truename file) (file-truename (expand-file-name "glossary.toml" workspace))))
          (copydesk-test-fail "definition in %S" file))
        (let ((header (with-temp-buffer
                        (insert-file-contents file)
                        (forward-line (1- line))
                        (buffer-substring (point) (line-end-position)))))
          (unless (equal header "[dana-whitfield]")
            (copydesk-test-fail "definition lands on %S" header))
          (copydesk-test-say "xref: glossary.toml:%d %s" line header)))

      ;; eglot-shutdown sends `shutdown' with params null and signals an error unless the
      ;; server answers it; then it sends `exit' and, eglot 1.9 being eglot 1.9, deletes the
      ;; process at once (SIGKILL) without waiting for it to exit by itself.
      (condition-case error
          (eglot-shutdown server)
        (error (copydesk-test-fail "eglot-shutdown: %S" error)))
      (unless (copydesk-test-wait 5 (lambda () (not (process-live-p process))))
        (copydesk-test-fail "server still running after eglot-shutdown"))
      (write-region (number-to-string pid) nil pidfile)
      (copydesk-test-say "eglot-shutdown: shutdown (params null) answered, server gone")
      (kill-emacs 0))))

;;; copydesk.el --- Attribution checks for news articles, through eglot  -*- lexical-binding: t; -*-

;; Version: 0.1.0
;; Package-Requires: ((emacs "27.1") (eglot "1.9"))
;; Keywords: languages, text, wp

;;; Commentary:

;; Runs the copydesk language server (`copydesk lsp') with eglot for articles: Markdown
;; (markdown-mode, gfm-mode) and plain text (text-mode) files ending in .md, .markdown or
;; .txt.  Diagnostics arrive through flymake, actor cards through eldoc (or M-x
;; eldoc-doc-buffer), definitions through xref (M-.), quick fixes through M-x
;; eglot-code-actions.
;;
;;   (add-to-list 'load-path "~/src/copydesk/editors/emacs")
;;   (require 'copydesk)
;;   (copydesk-setup)          ; eglot starts by itself in articles
;;
;; Without this file, the same in two lines of your init file:
;;
;;   (with-eval-after-load 'eglot
;;     (add-to-list 'eglot-server-programs
;;                  '((markdown-mode gfm-mode text-mode) . ("copydesk" "lsp"))))
;;
;; then M-x eglot in an article.

;;; Code:

(require 'eglot)

(defgroup copydesk nil
  "Attribution checks for news articles."
  :group 'tools
  :prefix "copydesk-")

(defcustom copydesk-command '("copydesk" "lsp")
  "The command that runs the copydesk language server."
  :type '(repeat string))

(defcustom copydesk-settings nil
  "Settings for the server, sent as its initializationOptions.
A plist, for example
  (:debounceMs 150
   :severities (:unknown-speaker \"hint\" :ambiguous-speaker \"off\")
   :glossaries [\"shared/people.toml\"]
   :maxDocumentSize 2097152)"
  :type 'plist)

(defcustom copydesk-modes '(markdown-mode gfm-mode text-mode)
  "Major modes in which copydesk manages articles."
  :type '(repeat symbol))

(defconst copydesk-article-regexp "\\.\\(md\\|markdown\\|txt\\)\\'"
  "File names copydesk treats as articles.")

(defun copydesk-contact (&optional _interactive)
  "The eglot contact for copydesk: `copydesk-command' and `copydesk-settings'."
  (append copydesk-command
          (list :initializationOptions (lambda (_server) (or copydesk-settings (make-hash-table))))))

(defun copydesk-maybe-start ()
  "Start eglot in the current buffer if it visits an article.
Modes derived from `text-mode' (Org, for one) are left alone unless the
file name looks like an article."
  (when (and buffer-file-name (string-match-p copydesk-article-regexp buffer-file-name))
    (eglot-ensure)))

;;;###autoload
(defun copydesk-setup ()
  "Register copydesk with eglot and start it in every article."
  (add-to-list 'eglot-server-programs (cons copydesk-modes #'copydesk-contact))
  (dolist (mode copydesk-modes)
    (add-hook (intern (format "%s-hook" mode)) #'copydesk-maybe-start)))

(provide 'copydesk)
;;; copydesk.el ends here
